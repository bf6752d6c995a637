"use client";

import { createContext } from "react";
import { DEFAULT_EVENT_ORDER, DEFAULT_PAGE_SIZE } from "@/lib/explorerUrl/explorerParams";
import type { ExplorerView } from "./useExplorerNavigation";

/** The view the table shows, for cells whose links narrow it (a user's name filters by that user). */
export const ExplorerViewContext = createContext<ExplorerView>({ filters: {}, paging: { limit: DEFAULT_PAGE_SIZE, order: DEFAULT_EVENT_ORDER } });
