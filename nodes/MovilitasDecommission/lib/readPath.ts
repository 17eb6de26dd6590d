/**
 * The value at a dotted path inside nested objects ('data.token'), or undefined as soon as a
 * step is not a plain object. A key that itself contains dots is found first when `exactFirst`.
 */
export function readPath(value: unknown, path: string, exactFirst = false): unknown {
	if (exactFirst && isRecord(value) && Object.prototype.hasOwnProperty.call(value, path)) {
		return value[path];
	}
	let current: unknown = value;
	for (const key of path.split('.')) {
		if (!isRecord(current)) return undefined;
		current = current[key];
	}
	return current;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}
