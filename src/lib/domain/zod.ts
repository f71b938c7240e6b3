/**
 * zod for the domain's schemas, set to never compile validators with `new Function`: these modules
 * also run in the browser, where the page's Content-Security-Policy forbids eval and zod's probe for
 * it would be reported as a violation on every page that validates a form.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
