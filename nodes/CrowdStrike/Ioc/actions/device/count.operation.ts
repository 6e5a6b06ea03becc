import { deviceCountOperation } from '../../../shared/observed';

export const { description, execute } = deviceCountOperation('/iocs/aggregates/indicators/device-count/v1', {
	show: { resource: ['device'], operation: ['count'] },
});
