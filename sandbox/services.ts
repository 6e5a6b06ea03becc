/**
 * The services the sandbox serves, in registration order. To add one: create its folder
 * (`sandbox/falcon/<service>/index.ts` or `sandbox/orion/index.ts`) exporting a registrar
 * `(router, state, config) => void`, add its line here, and its state line in sandbox/state.ts.
 */
import { registerAlerts } from './falcon/alerts';
import { registerHosts } from './falcon/hosts';
import { registerIocManagement } from './falcon/ioc-management';
import { registerLegacyIocs } from './falcon/legacy-iocs';
import { registerHostGroups } from './falcon/host-groups';
import { registerFalconOAuth } from './falcon/oauth';
import { registerQuarantine } from './falcon/quarantine';
import { registerQuickScan } from './falcon/quick-scan';
import { registerQuickScanPro } from './falcon/quick-scan-pro';
import { registerSampleUploads } from './falcon/samples';
import { registerOrion } from './orion';
import type { ServiceRegistrar } from './types';

export const SERVICES: ServiceRegistrar[] = [
	registerFalconOAuth, // POST /oauth2/token, /oauth2/revoke + the 'falcon' bearer scheme
	registerIocManagement, // /iocs/... and /processes/entities/processes/v1
	registerLegacyIocs, // /indicators/... (3 live, 5 decommissioned)
	registerSampleUploads, // /samples/entities/samples/v3 (upload, download, delete)
	registerQuickScan, // /scanner/...
	registerQuickScanPro, // /quickscanpro/... (files, scans, scan queries)
	registerQuarantine, // /quarantine/...
	registerHostGroups, // /devices/{combined,queries,entities}/host-groups/v1, host-group-members, host-group-actions
	registerHosts, // /devices/queries/devices{,-scroll,-hidden}/v1, /devices/entities/{devices/v2,online-state/v1,devices-actions/v2}
	registerAlerts, // /alerts/{combined,entities,aggregates}/alerts/...
	registerOrion, // /orion/oauth/token + /orion/api/v1/applications/{iocs,alerts}/... (the 'orion' bearer scheme)
];
