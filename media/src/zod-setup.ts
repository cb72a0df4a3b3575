// Imported first: the webview's CSP has no 'unsafe-eval', so zod must never probe or compile with
// `new Function` (a caught attempt still reports a CSP violation).
import { z } from "zod";

z.config({ jitless: true });
