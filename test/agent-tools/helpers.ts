import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';

/** A parameter the model fills, as n8n's editor writes it ("Let the model define this parameter"). */
export const fromAI = (key: string, description = '', type: 'string' | 'number' | 'boolean' | 'json' = 'string'): string =>
	`={{ $fromAI('${key}', \`${description}\`, '${type}') }}`;

/** Everything the sandbox received (API and token requests), without its own controls. */
export const received = (sandbox: Sandbox): string[] => sandbox.requests.filter((r) => !r.path.startsWith('/_sandbox')).map((r) => `${r.method} ${r.path}`);

/** The one item a refused or failed call answers the model with. */
export const refusedWith = (text: string): IDataObject[] => [expect.objectContaining({ error: expect.stringContaining(text) }) as IDataObject];

export const READ_ONLY = 'this tool is read-only for AI agents. Nothing was sent.';
export const NOT_OFFERED = 'which AI agents may not do. Nothing was sent.';
