/**
 * Deterministic "telemetry": which devices observed an indicator, and which processes on a
 * device touched it. Derived from a hash of type + value, so the same IOC always has the same
 * sightings, whether or not it is stored as a custom indicator.
 */
import { hashInt } from '../../core/prng';
import { isKnownMalicious } from '../seed-data';
import type { DeviceFleet } from './devices';

export function normalizeIocValue(type: string, value: string): string {
	return type === 'ipv4' ? value.trim() : value.trim().toLowerCase();
}

/** Device ids (from the fleet) that observed the indicator; stable order. */
export function devicesForIoc(fleet: DeviceFleet, type: string, value: string): string[] {
	const key = `${type.toLowerCase()}:${normalizeIocValue(type, value)}`;
	const h = hashInt(`sightings:${key}`);
	let count: number;
	if (isKnownMalicious(type, value)) count = 2 + (h % 9);
	else count = h % 10 < 4 ? 0 : 1 + ((h >>> 8) % 7);
	const size = fleet.devices.length;
	if (size === 0) return [];
	count = Math.min(count, size);
	const start = (h >>> 4) % size;
	// A step coprime with the fleet size walks distinct devices.
	let step = 1 + ((h >>> 12) % (size - 1 || 1));
	while (gcd(step, size) !== 1) step++;
	const out: string[] = [];
	for (let i = 0; i < count; i++) out.push(fleet.devices[(start + i * step) % size].device_id);
	return out;
}

function gcd(a: number, b: number): number {
	while (b) [a, b] = [b, a % b];
	return a;
}
