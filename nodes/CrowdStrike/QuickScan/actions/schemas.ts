import { z } from 'zod';

/** A Quick Scan volume ID: `<32 characters>_<32 characters>`. */
export const scanIdSchema = z
	.string()
	.trim()
	.regex(/^\w{32}_\w{32}$/, 'a scan ID looks like <32 characters>_<32 characters>');
