import "server-only";
import { cache } from "react";
import { getPageContext } from "@/lib/auth/context";

/**
 * The page context, resolved once per request: the layout and the page both need it, and the
 * session lookup should not run twice.
 */
export const getDashboardContext = cache(getPageContext);
