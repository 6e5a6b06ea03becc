import { z } from 'zod';

/** A sample is named by its SHA256; Falcon stores hashes in lower case. */
export const sha256Schema = z
	.string()
	.trim()
	.toLowerCase()
	.regex(/^[a-f0-9]{64}$/, 'a SHA256 is 64 hexadecimal characters');

/** A Quick Scan volume ID: `<32 characters>_<32 characters>`. */
export const scanIdSchema = z
	.string()
	.trim()
	.regex(/^\w{32}_\w{32}$/, 'a scan ID looks like <32 characters>_<32 characters>');
