/** Setting checks that name the setting and the bad value, so a typo in a config file is loud. */

export function oneOf(name: string, value: unknown, allowed: readonly string[]): void {
	if (!allowed.includes(value as string)) {
		throw new Error(`${name} must be one of ${allowed.join(', ')} (got ${String(value)})`);
	}
}

export function whole(name: string, value: unknown, min = 0): void {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
		throw new Error(`${name} must be a whole number >= ${min} (got ${String(value)})`);
	}
}

export function share(name: string, value: unknown): void {
	if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
		throw new Error(`${name} must be a number from 0 to 1 (got ${String(value)})`);
	}
}

export function httpStatus(name: string, value: unknown): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 100 || value > 599) {
		throw new Error(`${name} must be an HTTP status code (got ${String(value)})`);
	}
	return value;
}
