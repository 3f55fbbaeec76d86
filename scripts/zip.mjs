/*
A minimal ZIP writer (deflate, no ZIP64) for the Windows kit, so building a kit needs no zip
program. Windows Explorer and Expand-Archive read it. Entries must stay under 4 GiB in total.
*/
import {Buffer} from 'node:buffer';
import {closeSync, openSync, writeSync} from 'node:fs';
import {crc32, deflateRawSync} from 'node:zlib';

/** DOS date and time of a Date (local time, 2-second resolution), as ZIP stores them. */
function dosDateTime(date) {
	const time = (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2);
	const day = ((date.getFullYear() - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate();
	return {time, day};
}

/** The fields local and central headers share, in the same order, starting at `at`. */
function writeSharedFields(header, at, fields) {
	header.writeUInt16LE(0x0800, at); // names are UTF-8
	header.writeUInt16LE(8, at + 2); // deflate
	header.writeUInt16LE(fields.time, at + 4);
	header.writeUInt16LE(fields.day, at + 6);
	header.writeUInt32LE(fields.checksum, at + 8);
	header.writeUInt32LE(fields.compressedLength, at + 12);
	header.writeUInt32LE(fields.length, at + 16);
	header.writeUInt16LE(fields.nameLength, at + 20);
}

/**
Writes `entries` ({name: 'dir/file' with forward slashes, data: Buffer}) to `file`.
`date` stamps every entry (one fixed time keeps the archive reproducible).
*/
export function writeZip(file, entries, date = new Date(2000, 0, 1)) {
	const {time, day} = dosDateTime(date);
	const fd = openSync(file, 'w');
	let offset = 0;
	const central = [];
	const write = buffer => {
		writeSync(fd, buffer);
		offset += buffer.length;
	};

	try {
		for (const entry of entries) {
			const name = Buffer.from(entry.name, 'utf8');
			const compressed = deflateRawSync(entry.data);
			const checksum = crc32(entry.data);
			const fields = {time, day, checksum, compressedLength: compressed.length, length: entry.data.length, nameLength: name.length};
			const local = Buffer.alloc(30);
			local.writeUInt32LE(0x04034b50, 0);
			local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
			writeSharedFields(local, 6, fields);
			const localOffset = offset;
			write(local);
			write(name);
			write(compressed);

			const header = Buffer.alloc(46);
			header.writeUInt32LE(0x02014b50, 0);
			header.writeUInt16LE(20, 4); // made by: MS-DOS, 2.0
			header.writeUInt16LE(20, 6);
			writeSharedFields(header, 8, fields);
			header.writeUInt32LE(0x20, 38); // archive attribute
			header.writeUInt32LE(localOffset, 42);
			central.push(header, name);
		}

		const centralOffset = offset;
		const centralBytes = Buffer.concat(central);
		write(centralBytes);
		const end = Buffer.alloc(22);
		end.writeUInt32LE(0x06054b50, 0);
		end.writeUInt16LE(entries.length, 8);
		end.writeUInt16LE(entries.length, 10);
		end.writeUInt32LE(centralBytes.length, 12);
		end.writeUInt32LE(centralOffset, 16);
		write(end);
	} finally {
		closeSync(fd);
	}
}
