/**
 * The sandbox state: one store per service, composed here. A store may implement
 * `reset()` (back to seed data) and `expireTokens()` (invalidate its tokens); the sandbox
 * calls them on every store it finds.
 *
 * To add a service's state: add a property to SandboxState and one line to createState().
 */
import { AlertStore } from './falcon/alerts/store';
import { HostGroupStore } from './falcon/host-groups/store';
import { HostStore } from './falcon/hosts/store';
import { FalconAuthState } from './falcon/oauth';
import { IocStore } from './falcon/ioc-management/store';
import { DeviceFleet } from './falcon/telemetry/devices';
import { ProcessStore } from './falcon/telemetry/processes';
import { QuarantineStore } from './falcon/quarantine/store';
import { QuickScanStore } from './falcon/quick-scan/store';
import { QuickScanProStore } from './falcon/quick-scan-pro/store';
import { SampleStore } from './falcon/samples/store';
import { OrionState, type OrionCredentials } from './orion/state';
import type { ClientCredentials, SandboxConfig } from './types';

export interface SandboxState {
	/** Falcon API clients and their bearer tokens. */
	falconAuth: FalconAuthState;
	/** The fake host fleet (device ids, hostnames, users). */
	devices: DeviceFleet;
	/** The Hosts API's view of the fleet: containment state, hidden hosts, tags, group membership, online state. */
	hosts: HostStore;
	/** Process records handed out by ProcessesRanOn (looked up by entities_processes). */
	processes: ProcessStore;
	/** IOC Management indicators. */
	iocs: IocStore;
	/** Sample Uploads: uploaded files by SHA-256. */
	samples: SampleStore;
	/** Quick Scan volumes and the scan quota (reads the samples). */
	quickScan: QuickScanStore;
	/** Quick Scan Pro: its own uploaded files, scans and quota. */
	quickScanPro: QuickScanProStore;
	/** Quarantined files across the fleet. */
	quarantine: QuarantineStore;
	/** Host groups (the demo groups the fleet's devices belong to; membership lives with `hosts`). */
	hostGroups: HostGroupStore;
	/** Endpoint alerts, one per seeded quarantined file (reads hosts and quarantine). */
	alerts: AlertStore;
	/** Cytomic Orion: application, tokens, IOCs, alerts. */
	orion: OrionState;
}

export interface StateInit {
	config: SandboxConfig;
	falcon: ClientCredentials;
	orion?: Partial<OrionCredentials>;
}

export function createState({ config, falcon, orion }: StateInit): SandboxState {
	const devices = new DeviceFleet(
		() => config.randomSeed,
		() => config.cid,
	);
	const samples = new SampleStore();
	const hosts = new HostStore(devices, () => config);
	const quarantine = new QuarantineStore(devices, () => config);
	return {
		falconAuth: new FalconAuthState(falcon),
		devices,
		hosts,
		processes: new ProcessStore(devices),
		iocs: new IocStore(() => config),
		samples,
		quickScan: new QuickScanStore(samples, () => config),
		quickScanPro: new QuickScanProStore(() => config),
		quarantine,
		hostGroups: new HostGroupStore(),
		alerts: new AlertStore(hosts, quarantine, () => config),
		orion: new OrionState(orion, () => config),
	};
}

interface Resettable {
	reset(): void;
}
interface Expirable {
	expireTokens(): number;
}

function has<K extends string>(v: unknown, method: K): v is Record<K, () => unknown> {
	return typeof v === 'object' && v !== null && typeof (v as Record<string, unknown>)[method] === 'function';
}

/** Resets every store, in declaration order (devices before the stores derived from them, alerts after hosts and quarantine). */
export function resetState(state: SandboxState): void {
	for (const store of Object.values(state)) if (has(store, 'reset')) (store as Resettable).reset();
}

/** Expires the tokens of every store that issues some; answers how many were live. */
export function expireAllTokens(state: SandboxState): number {
	let n = 0;
	for (const store of Object.values(state)) if (has(store, 'expireTokens')) n += (store as Expirable).expireTokens();
	return n;
}
