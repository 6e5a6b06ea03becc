/** Fixed sandbox credentials and demo data of the Cytomic Orion emulation. */
import { hashHex, Prng } from '../core/prng';

export const DEFAULT_ORION_CLIENT_ID = 'orion-sandbox-app';
export const DEFAULT_ORION_CLIENT_SECRET = 'orion-sandbox-client-secret-4b9e2d71';
export const DEFAULT_ORION_USERNAME = 'orion-sandbox-user';
export const DEFAULT_ORION_PASSWORD = 'orion-sandbox-password-7c1f05aa';

/** The customer the sandbox account belongs to (`clientid` in alerts and hits). */
export const ORION_CLIENT_ACCOUNT_ID = '5f3c2a1e-0b7d-4c8e-9a6f-2d1e0c9b8a77';

export interface DemoIoc {
	type: 'FileHashIoc' | 'UrlIoc' | 'IPIoc' | 'DomainIoc';
	value: string;
	daysAgo: number;
	daysToExpiration: number;
	source: string;
}

/** What `seed: 'demo'` loads: one IOC of each type, imported some days before the sandbox (re)started. */
export const DEMO_IOCS: DemoIoc[] = [
	{ type: 'FileHashIoc', value: '44d88612fea8a8f36de82e1278abb02f', daysAgo: 5, daysToExpiration: 90, source: 'sandbox demo feed' },
	{ type: 'DomainIoc', value: 'c2.malware.example.net', daysAgo: 4, daysToExpiration: 30, source: 'sandbox demo feed' },
	{ type: 'IPIoc', value: '198.51.100.23', daysAgo: 3, daysToExpiration: 30, source: 'sandbox demo feed' },
	{ type: 'UrlIoc', value: 'http://c2.malware.example.net/payload.exe', daysAgo: 2, daysToExpiration: 30, source: 'sandbox demo feed' },
];

export const ALERT_STATUSES = ['Pending', 'InProgress', 'Closed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const HUNTING_RULES = [
	{ name: 'Credential dumping from LSASS memory', tactic: 'Credential Access', technique: 'T1003.001' },
	{ name: 'PowerShell download cradle', tactic: 'Execution', technique: 'T1059.001' },
	{ name: 'Connection to an imported IOC', tactic: 'Command and Control', technique: 'T1071' },
	{ name: 'Scheduled task created by an Office process', tactic: 'Persistence', technique: 'T1053.005' },
	{ name: 'Shadow copies deleted', tactic: 'Impact', technique: 'T1490' },
];

export const MACHINES = ['FIN-LAPTOP-07', 'HR-DESKTOP-12', 'DC-01', 'DEV-WS-33', 'SALES-LAPTOP-02', 'FILESRV-02'];

/** The MUID (Orion's computer id) of a machine name: 32 upper-case hex, stable. */
export function muidOf(machineName: string): string {
	return hashHex(`orion-muid:${machineName}`, 32).toUpperCase();
}

export function guidFrom(prng: Prng): string {
	const h = prng.hex(32);
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
