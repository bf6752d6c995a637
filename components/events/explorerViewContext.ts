"use client";

import { createContext } from "react";
import type { ExitCodeView } from "@/lib/parsec/exitCodeView";
import { DEFAULT_EVENT_ORDER, DEFAULT_PAGE_SIZE } from "@/lib/explorerUrl/explorerParams";
import type { ExplorerView } from "./useExplorerNavigation";

/** The view the table shows, for cells whose links narrow it (a user's name filters by that user). */
/** The meaning of each exit code on the page, sent once per code rather than once per row. */
export const ExitCodeViewsContext = createContext<Readonly<Record<number, ExitCodeView>>>({});

export const ExplorerViewContext = createContext<ExplorerView>({ filters: {}, paging: { limit: DEFAULT_PAGE_SIZE, order: DEFAULT_EVENT_ORDER } });
