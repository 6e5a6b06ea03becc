/** IOC Management (service collection "IOC"): routes as the real API has them. */
import type { ServiceRegistrar } from '../../types';
import { deviceCountHandler, devicesRanOnHandler, entitiesProcesses, processesRanOnHandler } from '../telemetry/handlers';
import { indicatorAggregate, indicatorsReport } from './aggregates';
import { indicatorCreate, indicatorDelete, indicatorGet, indicatorUpdate } from './entities';
import { actionGet, actionQuery, iocTypeQuery, platformQuery, severityQuery } from './reference';
import { indicatorCombined, indicatorSearch } from './search';

const poweredBy = 'ioc-manager';
/** Error statuses whose answer model has `resources` (the 404s are the 200 envelope, see spec/falcon knownExtraStatuses). */
const notFoundEnvelope = { errorResources: [404] } as const;

export const registerIocManagement: ServiceRegistrar = (router) => {
	router
		.get('/iocs/combined/indicator/v1', indicatorCombined, { operation: 'indicator_combined_v1', poweredBy })
		.get('/iocs/queries/indicators/v1', indicatorSearch, { operation: 'indicator_search_v1', poweredBy })
		.get('/iocs/entities/indicators/v1', indicatorGet, { operation: 'indicator_get_v1', poweredBy, ...notFoundEnvelope })
		.post('/iocs/entities/indicators/v1', indicatorCreate, { operation: 'indicator_create_v1', poweredBy })
		.patch('/iocs/entities/indicators/v1', indicatorUpdate, { operation: 'indicator_update_v1', poweredBy, ...notFoundEnvelope })
		.delete('/iocs/entities/indicators/v1', indicatorDelete, { operation: 'indicator_delete_v1', poweredBy, ...notFoundEnvelope })
		.get('/iocs/aggregates/indicators/device-count/v1', deviceCountHandler('detects'), { operation: 'indicator_get_device_count_v1', poweredBy, ...notFoundEnvelope })
		.get('/iocs/queries/indicators/devices/v1', devicesRanOnHandler('detects'), { operation: 'indicator_get_devices_ran_on_v1', poweredBy, ...notFoundEnvelope })
		.get('/iocs/queries/indicators/processes/v1', processesRanOnHandler('detects'), { operation: 'indicator_get_processes_ran_on_v1', poweredBy, ...notFoundEnvelope })
		.post('/iocs/aggregates/indicators/v1', indicatorAggregate, { operation: 'indicator_aggregate_v1', poweredBy })
		.post('/iocs/entities/indicators-reports/v1', indicatorsReport, { operation: 'GetIndicatorsReport', poweredBy })
		.get('/iocs/queries/actions/v1', actionQuery, { operation: 'action_query_v1', poweredBy })
		.get('/iocs/entities/actions/v1', actionGet, { operation: 'action_get_v1', poweredBy, ...notFoundEnvelope })
		.get('/iocs/queries/ioc-types/v1', iocTypeQuery, { operation: 'ioc_type_query_v1', poweredBy })
		.get('/iocs/queries/platforms/v1', platformQuery, { operation: 'platform_query_v1', poweredBy })
		.get('/iocs/queries/severities/v1', severityQuery, { operation: 'severity_query_v1', poweredBy })
		.get('/processes/entities/processes/v1', entitiesProcesses, { operation: 'entities_processes', poweredBy: 'processes', ...notFoundEnvelope });
};
