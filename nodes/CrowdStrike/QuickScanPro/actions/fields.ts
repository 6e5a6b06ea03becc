import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { validateField } from '../../../common/validation';
import { text } from '../../../common/values';

/** A Quick Scan Pro scan ID: 32 hexadecimal characters (PSFalcon's `^[A-Fa-f0-9]{32}$`). */
export const scanIdSchema = z
	.string()
	.trim()
	.toLowerCase()
	.regex(/^[a-f0-9]{32}$/, 'a scan ID is 32 hexadecimal characters');

/** The password of an encrypted archive, sent with the scan (quickscanpro.LaunchScanRequestResource `password`). */
export const archivePasswordOption: INodeProperties = {
	displayName: 'Archive Password',
	name: 'archivePassword',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	description: 'The password of an encrypted archive (ZIP, 7z…), so that the scan can open it. Leave empty for other files.',
};

/** An item's Archive Password, checked; never echoed in output or errors. */
export function readArchivePassword(ctx: IExecuteFunctions, index: number, options: IDataObject): string {
	return validateField(ctx.getNode(), text(1024), options.archivePassword ?? '', index, 'Archive Password', { secret: true });
}

/** The Options of a "wait for the verdict" operation hold Simplify too: the raw result is large. */
export const simplifyOption: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return the verdict fields only, instead of adding the raw scan result (artifacts, MITRE ATT&CK techniques, YARA rules…)',
};
