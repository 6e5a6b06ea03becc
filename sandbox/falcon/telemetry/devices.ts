/**
 * A deterministic fleet of fake hosts (devices). IOC sightings pick their devices from it;
 * later services (Quarantine, Host Groups) can reuse it.
 */
import { Prng } from '../../core/prng';
import { DEMO_HOST_GROUPS, SEED_EPOCH_MS } from '../seed-data';

export interface Device {
	device_id: string;
	cid: string;
	hostname: string;
	platform_name: 'Windows' | 'Mac' | 'Linux';
	os_version: string;
	agent_version: string;
	local_ip: string;
	external_ip: string;
	mac_address: string;
	username: string;
	first_seen: string;
	last_seen: string;
	groups: string[];
}

export const FLEET_SIZE = 250;

const WINDOWS_VERSIONS = ['Windows 11', 'Windows 10', 'Windows Server 2022', 'Windows Server 2019'];
const MAC_VERSIONS = ['Sonoma (14)', 'Sequoia (15)', 'Ventura (13)'];
const LINUX_VERSIONS = ['Ubuntu 22.04', 'RHEL 9.3', 'Debian 12', 'Amazon Linux 2023'];
const USERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'mallory', 'oscar', 'peggy', 'trent', 'victor', 'walter'];
const SITES = ['NYC', 'LON', 'BER', 'MAD', 'SFO', 'SIN', 'SYD', 'TOR'];

export class DeviceFleet {
	devices: Device[] = [];
	private byId = new Map<string, Device>();

	constructor(
		private readonly seed: () => number | string,
		private readonly cid: () => string,
		readonly size = FLEET_SIZE,
	) {
		this.reset();
	}

	reset(): void {
		const rng = new Prng(`devices:${this.seed()}`);
		const cid = this.cid().toLowerCase();
		this.devices = [];
		this.byId = new Map();
		for (let i = 0; i < this.size; i++) {
			const r = rng.next();
			const platform: Device['platform_name'] = r < 0.7 ? 'Windows' : r < 0.85 ? 'Mac' : 'Linux';
			const os =
				platform === 'Windows' ? rng.pick(WINDOWS_VERSIONS) : platform === 'Mac' ? rng.pick(MAC_VERSIONS) : rng.pick(LINUX_VERSIONS);
			const server = os.includes('Server') || platform === 'Linux';
			const site = rng.pick(SITES);
			const prefix = platform === 'Windows' ? (server ? 'SRV' : 'WS') : platform === 'Mac' ? 'MBP' : 'lnx';
			const hostname = `${prefix}-${site}-${String(i + 1).padStart(4, '0')}`;
			const firstSeen = SEED_EPOCH_MS - rng.int(30, 900) * 86_400_000;
			const lastSeen = SEED_EPOCH_MS - rng.int(0, 72) * 3_600_000;
			const device: Device = {
				device_id: rng.hex(32),
				cid,
				hostname: platform === 'Linux' ? hostname.toLowerCase() : hostname,
				platform_name: platform,
				os_version: os,
				agent_version: `7.${rng.int(10, 22)}.${rng.int(10000, 19999)}.0`,
				local_ip: `10.${rng.int(0, 40)}.${rng.int(0, 255)}.${rng.int(2, 254)}`,
				external_ip: `198.18.${rng.int(0, 255)}.${rng.int(1, 254)}`,
				mac_address: Array.from({ length: 6 }, () => rng.hex(2)).join('-'),
				username: rng.pick(USERS),
				first_seen: new Date(firstSeen).toISOString(),
				last_seen: new Date(lastSeen).toISOString(),
				groups: [server ? DEMO_HOST_GROUPS[0].id : DEMO_HOST_GROUPS[1].id].concat(rng.chance(0.15) ? [DEMO_HOST_GROUPS[2].id] : []),
			};
			this.devices.push(device);
			this.byId.set(device.device_id, device);
		}
	}

	get(deviceId: string): Device | undefined {
		return this.byId.get(deviceId.toLowerCase());
	}
}
