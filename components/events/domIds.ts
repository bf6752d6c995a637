/** Element ids the explorer's keyboard shortcuts reach across components. */
export const SEARCH_INPUT_ID = "event-search";
