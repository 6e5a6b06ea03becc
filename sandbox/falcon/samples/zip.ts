/**
 * A minimal ZIP writer: one stored (uncompressed) entry, encrypted with the traditional PKWARE
 * scheme ("ZipCrypto", APPNOTE.TXT section 6.1). That is the format CrowdStrike hands out when a
 * sample is downloaded with `password_protected=true` (password "infected"), and what unzip, 7-Zip,
 * Windows Explorer and Python's zipfile open. Sizes stay below 4 GiB (samples are at most 256 MB),
 * so no ZIP64 records are needed.
 *
 * ZipCrypto is weak cryptography by design of the format: the point is only that antivirus
 * software does not flag the archive, not secrecy.
 */
import { hashHex } from '../../core/prng';

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();

function crcByte(crc: number, byte: number): number {
	return (CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8)) >>> 0;
}

/** CRC-32 (the ZIP/PNG polynomial) of a buffer. */
export function crc32(data: Uint8Array): number {
	let crc = 0xffffffff;
	for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

/** The three 32-bit keys of the traditional PKWARE cipher, initialised from a password. */
export class ZipCryptoKeys {
	private k0 = 0x12345678;
	private k1 = 0x23456789;
	private k2 = 0x34567890;

	constructor(password: Uint8Array) {
		for (const byte of password) this.update(byte);
	}

	private update(plain: number): void {
		this.k0 = crcByte(this.k0, plain);
		this.k1 = (Math.imul((this.k1 + (this.k0 & 0xff)) >>> 0, 134775813) + 1) >>> 0;
		this.k2 = crcByte(this.k2, this.k1 >>> 24);
	}

	private streamByte(): number {
		const temp = (this.k2 | 2) & 0xffff;
		return ((temp * (temp ^ 1)) >>> 8) & 0xff;
	}

	/** Encrypts in place. */
	encrypt(data: Uint8Array): void {
		for (let i = 0; i < data.length; i++) {
			const plain = data[i];
			data[i] = plain ^ this.streamByte();
			this.update(plain);
		}
	}

	/** Decrypts in place. */
	decrypt(data: Uint8Array): void {
		for (let i = 0; i < data.length; i++) {
			const plain = data[i] ^ this.streamByte();
			data[i] = plain;
			this.update(plain);
		}
	}
}

/** Date and time in MS-DOS format, as ZIP headers store them (local time fields, here UTC). */
function dosDateTime(date: Date): { time: number; date: number } {
	const year = Math.max(1980, date.getUTCFullYear());
	return {
		time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
		date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
	};
}

const VERSION = 20; // 2.0: needed for traditional encryption
const FLAG_ENCRYPTED = 0x0001;
const FLAG_UTF8 = 0x0800;
const METHOD_STORED = 0;

export interface ZipEntryInput {
	name: string;
	data: Buffer;
	modified?: Date;
	/** Traditional PKWARE encryption with this password; omitted: a plain stored entry. */
	password?: string;
}

/**
 * A ZIP archive with one stored entry. The 12-byte encryption header is derived from the content's
 * digest rather than random, so the same sample always downloads as the same bytes.
 */
export function zipSingleEntry(entry: ZipEntryInput): Buffer {
	const name = Buffer.from(entry.name, 'utf8');
	const crc = crc32(entry.data);
	const { time, date } = dosDateTime(entry.modified ?? new Date(0));
	let payload: Buffer;
	let flags = FLAG_UTF8;
	if (entry.password !== undefined) {
		flags |= FLAG_ENCRYPTED;
		const header = Buffer.from(hashHex(`zip-header:${crc}:${entry.data.length}:${entry.name}`, 24), 'hex');
		// The last header byte is the high byte of the CRC: how readers check the password.
		header[11] = crc >>> 24;
		payload = Buffer.concat([header, entry.data]);
		new ZipCryptoKeys(Buffer.from(entry.password, 'utf8')).encrypt(payload);
	} else {
		payload = entry.data;
	}

	const local = Buffer.alloc(30);
	local.writeUInt32LE(0x04034b50, 0);
	local.writeUInt16LE(VERSION, 4);
	local.writeUInt16LE(flags, 6);
	local.writeUInt16LE(METHOD_STORED, 8);
	local.writeUInt16LE(time, 10);
	local.writeUInt16LE(date, 12);
	local.writeUInt32LE(crc, 14);
	local.writeUInt32LE(payload.length, 18);
	local.writeUInt32LE(entry.data.length, 22);
	local.writeUInt16LE(name.length, 26);
	local.writeUInt16LE(0, 28);

	const central = Buffer.alloc(46);
	central.writeUInt32LE(0x02014b50, 0);
	central.writeUInt16LE(VERSION, 4); // made by: MS-DOS, 2.0
	central.writeUInt16LE(VERSION, 6);
	central.writeUInt16LE(flags, 8);
	central.writeUInt16LE(METHOD_STORED, 10);
	central.writeUInt16LE(time, 12);
	central.writeUInt16LE(date, 14);
	central.writeUInt32LE(crc, 16);
	central.writeUInt32LE(payload.length, 20);
	central.writeUInt32LE(entry.data.length, 24);
	central.writeUInt16LE(name.length, 28);
	// extra length, comment length, disk number, internal and external attributes: 0
	central.writeUInt32LE(0, 42); // offset of the local header

	const centralOffset = local.length + name.length + payload.length;
	const centralSize = central.length + name.length;
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(1, 8);
	end.writeUInt16LE(1, 10);
	end.writeUInt32LE(centralSize, 12);
	end.writeUInt32LE(centralOffset, 16);

	return Buffer.concat([local, name, payload, central, name, end]);
}
