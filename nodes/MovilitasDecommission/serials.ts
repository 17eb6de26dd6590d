import type { Checked } from './lib/result';
import { checkSerial, describeType, exactDigits } from './validation';
import type { Separator } from './vocabulary';
import { SEPARATOR_PATTERNS } from './vocabulary';

/** Spaces, tabs and line breaks at either end: never part of a serial, so safe to drop. */
const EDGE_WHITESPACE = /^[ \t\r\n]+|[ \t\r\n]+$/g;

function isEdgeSpace(code: number): boolean {
	return code === 32 || code === 9 || code === 10 || code === 13;
}

/** The text without edge whitespace; most serials have none, and skip the regular expression. */
function trimEdges(text: string): string {
	const last = text.length - 1;
	if (last >= 0 && !isEdgeSpace(text.charCodeAt(0)) && !isEdgeSpace(text.charCodeAt(last))) {
		return text;
	}
	return text.replace(EDGE_WHITESPACE, '');
}

function fromText(text: string, separator: Separator): string[] {
	if (separator === 'none') {
		const serial = trimEdges(text);
		return serial === '' ? [] : [serial];
	}
	return text
		.split(SEPARATOR_PATTERNS[separator])
		.map(trimEdges)
		.filter((piece) => piece !== '');
}

function fromEntry(entry: unknown, position: number): Checked<string> {
	const where = `entry ${position + 1}`;
	if (typeof entry === 'number') {
		const digits = exactDigits(entry);
		return digits.ok ? digits : { ok: false, problem: `${where} ${digits.problem}` };
	}
	if (typeof entry !== 'string') {
		return { ok: false, problem: `${where} is ${describeType(entry)}, not a serial` };
	}
	const serial = trimEdges(entry);
	if (serial === '') return { ok: false, problem: `${where} is empty` };
	return { ok: true, value: serial };
}

/**
 * Turns what the user gave into serial strings, exactly: an array is a list (its entries are
 * never split), a text is one serial unless the user chose a separator, and a number only
 * counts when it is exactly the digits of a serial. Every serial is then checked against
 * GS1 AI (21), so nothing the user did not mean can reach Movilitas.
 */
export function parseSerials(raw: unknown, separator: Separator): Checked<string[]> {
	let serials: string[];
	if (Array.isArray(raw)) {
		serials = [];
		for (let position = 0; position < raw.length; position++) {
			const serial = fromEntry(raw[position], position);
			if (!serial.ok) return serial;
			serials.push(serial.value);
		}
	} else if (typeof raw === 'string') {
		serials = fromText(raw, separator);
	} else if (typeof raw === 'number') {
		const digits = exactDigits(raw);
		if (!digits.ok) return digits;
		serials = [digits.value];
	} else {
		return { ok: false, problem: `is ${describeType(raw)}, not a serial or a list of serials` };
	}
	if (serials.length === 0) {
		return { ok: false, problem: 'is empty: give at least one serial number' };
	}
	for (let position = 0; position < serials.length; position++) {
		const serial = serials[position];
		const invalid = checkSerial(serial);
		if (invalid) {
			const hint =
				separator === 'none' && /[\s,;]/.test(serial)
					? ' (to give several serials in one text, choose a Serials Separator)'
					: '';
			return {
				ok: false,
				problem: `has an invalid serial ${JSON.stringify(serial)} (serial ${position + 1}): it ${invalid}${hint}`,
			};
		}
	}
	return { ok: true, value: serials };
}
