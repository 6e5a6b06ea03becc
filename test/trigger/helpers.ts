import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import type { QuarantinedFile } from '../../sandbox/falcon/quarantine/model';
import { runPoll, type CredentialStore, type RunPollResult } from '../harness';
import { apiCalls, falconStore } from '../falcon/fixture';

export const TRIGGER = 'crowdStrikeFalconTrigger';

export interface Poller {
	/** One scheduled poll from the static data the previous poll left (or none). */
	poll(extra?: { parameters?: INodeParameters; staticData?: IDataObject; mode?: 'trigger' | 'manual' }): Promise<RunPollResult>;
	/** The static data as n8n last saved it. */
	readonly staticData: IDataObject | undefined;
	store: CredentialStore;
}

/** A trigger whose static data is carried from poll to poll, as n8n saves it with the workflow. */
export function poller(sandbox: Sandbox, parameters: INodeParameters): Poller {
	const store = falconStore(sandbox);
	let staticData: IDataObject | undefined;
	return {
		store,
		get staticData() {
			return staticData;
		},
		async poll(extra = {}) {
			const result = await runPoll({
				type: TRIGGER,
				parameters: { ...parameters, ...(extra.parameters ?? {}) },
				credentials: store,
				staticData: extra.staticData ?? staticData,
				mode: extra.mode,
			});
			if (result.error) throw result.error;
			// n8n saves static data only when the node changed it (never in manual mode).
			if (result.staticDataChanged && (extra.mode ?? 'trigger') === 'trigger') staticData = result.staticData;
			return result;
		},
	};
}

export const ids = (result: RunPollResult): string[] => result.items.map((item) => String(item.json.id));

/** A file quarantined on host `host` of the fleet at `createdMs` (what POST /_sandbox/falcon/quarantined-files does). */
export function quarantineFile(sandbox: Sandbox, host: number, sha256: string, createdMs: number, fileName = 'dropper.exe'): QuarantinedFile {
	return sandbox.state.quarantine.quarantineNow({ sha256, filename: fileName, device_id: sandbox.state.devices.devices[host].device_id, timestamp: createdMs });
}

export const sha = (n: number): string => `feed${n.toString(16).padStart(60, '0')}`;

/** The filters the trigger sent to a query path. */
export function filtersSent(sandbox: Sandbox, path: string): string[] {
	return apiCalls(sandbox, path).map((call) => String((call.query as Record<string, string[]>).filter?.[0] ?? ''));
}
