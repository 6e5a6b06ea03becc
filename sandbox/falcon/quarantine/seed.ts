/**
 * Deterministic quarantine seed: files Falcon quarantined across the demo fleet, in every state.
 * The two demo alert files (one malware, one false positive) are quarantined on several hosts and
 * named by no custom indicator, so the example workflow has something to delete and to release.
 */
import { hashHex, Prng } from '../../core/prng';
import { DEMO_ALERT_FILES, EICAR_SHA256, MALICIOUS_SHA256, SEED_EPOCH_MS } from '../seed-data';
import type { Device, DeviceFleet } from '../telemetry/devices';
import type { QuarantineState, QuarantinedFile } from './model';
import type { QuarantineStore } from './store';

const DAY = 86_400_000;
const MALWARE_NAMES = ['svchost32.exe', 'payload.dll', 'loader.bin', 'setup_update.exe', 'readme.scr', 'mimikatz.exe', 'keygen.exe', 'chrome_update.exe'];
const BENIGN_NAMES = ['backup_tool.exe', 'vpn_client_setup.msi', 'macro_report.xlsm', 'admin_script.ps1', 'printer_driver.exe', 'license_gen.exe'];
const FOLDERS = ['Downloads', 'Desktop', 'AppData\\Local\\Temp', 'Documents'];

interface SeedFile {
	sha256: string;
	fileName: string;
	/** States of its copies, one per host. */
	states: QuarantineState[];
}

function seedFiles(rng: Prng): SeedFile[] {
	const [demoMalware, demoBenign] = DEMO_ALERT_FILES;
	const files: SeedFile[] = [
		{ sha256: demoMalware.sha256, fileName: demoMalware.file_name, states: ['quarantined', 'quarantined', 'quarantined', 'released'] },
		{ sha256: demoBenign.sha256, fileName: demoBenign.file_name, states: ['quarantined', 'quarantined', 'quarantined'] },
		{ sha256: EICAR_SHA256, fileName: 'eicar.com', states: ['quarantined', 'quarantined', 'released', 'deleted', 'deleted'] },
	];
	MALICIOUS_SHA256.slice(1).forEach((sha256, i) => {
		const copies = 1 + rng.int(0, 2);
		const states: QuarantineState[] = Array.from({ length: copies }, () => {
			const r = rng.next();
			return r < 0.7 ? 'quarantined' : r < 0.85 ? 'deleted' : 'released';
		});
		files.push({ sha256, fileName: MALWARE_NAMES[i % MALWARE_NAMES.length], states });
	});
	BENIGN_NAMES.forEach((fileName, i) => {
		const copies = 1 + rng.int(0, 1);
		const states: QuarantineState[] = Array.from({ length: copies }, () => (rng.chance(0.6) ? 'quarantined' : 'released'));
		files.push({ sha256: hashHex(`sandbox:quarantine:benign:${i}`, 64), fileName, states });
	});
	return files;
}

export function filePath(device: Device, user: string, fileName: string, folder: string): string {
	if (device.platform_name === 'Windows') return `\\Device\\HarddiskVolume3\\Users\\${user}\\${folder}\\${fileName}`;
	const unixFolder = folder.split('\\')[0];
	return device.platform_name === 'Mac' ? `/Users/${user}/${unixFolder}/${fileName}` : `/home/${user}/${unixFolder}/${fileName}`;
}

/** Files only a Windows host runs (quarantined on Windows hosts). */
export function isWindowsBinary(fileName: string): boolean {
	return /\.(exe|dll|com)$/.test(fileName);
}

/** Inserts the seed files; about fifty copies over the fleet. */
export function seedQuarantine(store: QuarantineStore, fleet: DeviceFleet, randomSeed: number | string): void {
	const rng = new Prng(`quarantine:${randomSeed}`);
	const windows = fleet.devices.filter((d) => d.platform_name === 'Windows');
	for (const file of seedFiles(rng)) {
		const pool = isWindowsBinary(file.fileName) ? windows : fleet.devices;
		const hosts = rng.sample(pool.length > 0 ? pool : fleet.devices, file.states.length);
		hosts.forEach((device, i) => {
			const state = file.states[i];
			const createdMs = SEED_EPOCH_MS - rng.int(1, 60) * DAY - rng.int(0, 86_399) * 1000;
			const updatedMs = state === 'quarantined' ? createdMs : createdMs + rng.int(1, 72) * 3_600_000;
			const folder = rng.pick(FOLDERS);
			const cid = device.cid.toLowerCase();
			const doc: QuarantinedFile = {
				id: `${device.device_id}_${file.sha256}`,
				aid: device.device_id,
				cid,
				sha256: file.sha256,
				state,
				hostname: device.hostname,
				username: device.username,
				paths: [{ path: filePath(device, device.username, file.fileName, folder), filename: file.fileName, state }],
				date_created: new Date(createdMs).toISOString(),
				date_updated: new Date(updatedMs).toISOString(),
				detect_ids: [`ldt:${device.device_id}:${rng.int(100_000_000, 999_999_999)}`],
				alert_ids: [`${cid}:ind:${device.device_id}:${rng.hex(20)}`],
				primary_module: rng.chance(0.8),
				is_on_removable_disk: rng.chance(0.05),
			};
			store.insert(doc, createdMs, updatedMs);
		});
	}
}

/**
 * One file quarantined on `count` distinct hosts of the fleet (a fleet-wide outbreak, for tests and
 * benchmarks of actions by query). Answers the new quarantine ids.
 */
export function seedOutbreak(store: QuarantineStore, fleet: DeviceFleet, count: number, sha256: string, fileName: string): string[] {
	if (count > fleet.devices.length) throw new Error(`An outbreak can reach at most ${fleet.devices.length} hosts, not ${count}`);
	const ids: string[] = [];
	fleet.devices.slice(0, count).forEach((device, i) => {
		const createdMs = SEED_EPOCH_MS + i * 1000;
		const cid = device.cid.toLowerCase();
		const doc: QuarantinedFile = {
			id: `${device.device_id}_${sha256}`,
			aid: device.device_id,
			cid,
			sha256,
			state: 'quarantined',
			hostname: device.hostname,
			username: device.username,
			paths: [{ path: filePath(device, device.username, fileName, 'Downloads'), filename: fileName, state: 'quarantined' }],
			date_created: new Date(createdMs).toISOString(),
			date_updated: new Date(createdMs).toISOString(),
			detect_ids: [`ldt:${device.device_id}:${hashHex(`outbreak:${sha256}:${i}`, 9)}`],
			alert_ids: [],
			primary_module: true,
			is_on_removable_disk: false,
		};
		store.insert(doc, createdMs);
		ids.push(doc.id);
	});
	return ids;
}
