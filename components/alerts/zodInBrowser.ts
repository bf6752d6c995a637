import { z } from "zod";

// In the browser the CSP refuses eval, and zod would try it (its compiled parsers) the first time
// a rule is checked: the attempt alone is a reported violation. The server keeps the compiled parsers.
if (typeof window !== "undefined") z.config({ jitless: true });
