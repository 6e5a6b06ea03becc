import type { ApiOperation } from './operation';
import { alerts } from './alerts';
import { hostGroup } from './host-group';
import { hosts } from './hosts';
import { ioc } from './ioc';
import { iocs } from './iocs';
import { oauth2 } from './oauth2';
import { quarantine } from './quarantine';
import { quickScan } from './quick-scan';
import { quickScanPro } from './quick-scan-pro';
import { sampleUploads } from './sample-uploads';

export { call, callRaw, callWrite } from './call';
export { requestFor, type ApiOperation, type CallArgs, type CallOptions, type ParamLocation } from './operation';

/** Every Falcon operation a node calls, for the contract tests against CrowdStrike's spec. */
export const ALL_OPERATIONS: ApiOperation[] = [alerts, hostGroup, hosts, ioc, iocs, oauth2, quarantine, quickScan, quickScanPro, sampleUploads].flatMap((table) => Object.values(table));
