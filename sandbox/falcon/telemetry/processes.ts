/**
 * Fake processes that touched an indicator on a device (ProcessesRanOn) and their details
 * (entities_processes). Process ids look like Falcon's: `pid:<device id>:<number>`.
 */
import { hashInt } from '../../core/prng';
import { SEED_EPOCH_MS } from '../seed-data';
import type { Device, DeviceFleet } from './devices';
import { devicesForIoc, normalizeIocValue } from './sightings';

export interface ProcessRecord {
	device_id: string;
	command_line: string;
	process_id: string;
	process_id_local: string;
	file_name: string;
	start_timestamp: string;
	start_timestamp_raw: string;
	stop_timestamp: string;
	stop_timestamp_raw: string;
}

const NETWORK_PROCESSES = ['chrome.exe', 'msedge.exe', 'powershell.exe', 'rundll32.exe', 'outlook.exe', 'svchost.exe', 'curl', 'python3'];
const DROPPED = ['invoice_0421.exe', 'setup_update.exe', 'svchost32.exe', 'readme.scr', 'payload.dll', 'installer.pkg', 'agent.bin'];

/** Windows FILETIME-like raw timestamp (100 ns since 1601) as Falcon reports `*_raw`. */
function rawTimestamp(ms: number): string {
	return String(BigInt(ms) * 10_000n + 116_444_736_000_000_000n);
}

export class ProcessStore {
	private readonly records = new Map<string, ProcessRecord>();

	constructor(private readonly fleet: DeviceFleet) {}

	reset(): void {
		this.records.clear();
	}

	get size(): number {
		return this.records.size;
	}

	get(processId: string): ProcessRecord | undefined {
		return this.records.get(processId);
	}

	/**
	 * Process ids on `deviceId` associated with the indicator (empty when the device never saw it).
	 * `fileName` (e.g. the indicator's metadata.filename) names the image of hash indicators.
	 */
	processesFor(type: string, value: string, deviceId: string, fileName?: string): string[] {
		const device = this.fleet.get(deviceId);
		if (!device) return [];
		if (!devicesForIoc(this.fleet, type, value).includes(device.device_id)) return [];
		const key = `${type.toLowerCase()}:${normalizeIocValue(type, value)}:${device.device_id}`;
		const h = hashInt(`processes:${key}`);
		const count = 1 + (h % 4);
		const ids: string[] = [];
		for (let i = 0; i < count; i++) {
			const hi = hashInt(`process:${key}:${i}`);
			const local = String(1000 + (hi % 60000));
			const number = String(BigInt(hi) * 4099n + 38_000_000_000n);
			const id = `pid:${device.device_id}:${number}`;
			ids.push(id);
			if (!this.records.has(id)) this.records.set(id, this.makeRecord(device, type, value, fileName, id, number, local, hi));
		}
		return ids;
	}

	private makeRecord(
		device: Device,
		type: string,
		value: string,
		fileName: string | undefined,
		_id: string,
		number: string,
		local: string,
		h: number,
	): ProcessRecord {
		const isHash = type === 'sha256' || type === 'md5';
		const image = isHash ? (fileName ?? DROPPED[h % DROPPED.length]) : NETWORK_PROCESSES[h % NETWORK_PROCESSES.length];
		let path: string;
		let commandLine: string;
		if (device.platform_name === 'Windows') {
			path = isHash
				? `\\Device\\HarddiskVolume3\\Users\\${device.username}\\AppData\\Local\\Temp\\${image}`
				: `\\Device\\HarddiskVolume3\\Windows\\System32\\${image}`;
			commandLine = isHash ? `"C:\\Users\\${device.username}\\AppData\\Local\\Temp\\${image}"` : `${image} ${value}`;
		} else {
			const home = device.platform_name === 'Mac' ? `/Users/${device.username}` : `/home/${device.username}`;
			path = isHash ? `${home}/Downloads/${image}` : `/usr/bin/${image}`;
			commandLine = isHash ? `${path}` : `${image} ${value}`;
		}
		const start = SEED_EPOCH_MS - (h % (20 * 86_400)) * 1000;
		const stop = start + (1 + (h % 3600)) * 1000;
		return {
			device_id: device.device_id,
			command_line: commandLine,
			process_id: number,
			process_id_local: local,
			file_name: path,
			start_timestamp: new Date(start).toISOString(),
			start_timestamp_raw: rawTimestamp(start),
			stop_timestamp: new Date(stop).toISOString(),
			stop_timestamp_raw: rawTimestamp(stop),
		};
	}
}
