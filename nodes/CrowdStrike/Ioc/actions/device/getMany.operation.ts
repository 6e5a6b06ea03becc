import { devicesRanOnOperation } from '../../../shared/observed';

export const { description, execute } = devicesRanOnOperation('/iocs/queries/indicators/devices/v1', {
	show: { resource: ['device'], operation: ['getMany'] },
});
