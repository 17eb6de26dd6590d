import type { SandboxProduct, SerialRecord } from './types';

/** Product codes are digit strings, so the first ':' always separates product from serial. */
export function serialKey(productCode: string, serial: string): string {
	return `${productCode}:${serial}`;
}

/**
 * Every serial's record, read as one map keyed by serialKey, kept as one map per product: a
 * request of 1,000 serials then looks each up by the serial text it parsed, rather than by a
 * key string built, flattened and hashed for every serial (a quarter of the sandbox's time).
 */
export class SerialRecords implements ReadonlyMap<string, SerialRecord> {
	private readonly byProduct = new Map<string, Map<string, SerialRecord>>();

	/** The records of one product, to read and write serial by serial. */
	of(productCode: string): Map<string, SerialRecord> {
		let records = this.byProduct.get(productCode);
		if (!records) this.byProduct.set(productCode, (records = new Map()));
		return records;
	}

	get size(): number {
		let size = 0;
		for (const records of this.byProduct.values()) size += records.size;
		return size;
	}

	get(key: string): SerialRecord | undefined {
		const at = key.indexOf(':');
		return at < 0 ? undefined : this.byProduct.get(key.slice(0, at))?.get(key.slice(at + 1));
	}

	has(key: string): boolean {
		return this.get(key) !== undefined;
	}

	clear(): void {
		this.byProduct.clear();
	}

	*entries(): MapIterator<[string, SerialRecord]> {
		for (const [code, records] of this.byProduct) {
			for (const [serial, record] of records) yield [serialKey(code, serial), record];
		}
	}

	*keys(): MapIterator<string> {
		for (const [key] of this.entries()) yield key;
	}

	*values(): MapIterator<SerialRecord> {
		for (const [, record] of this.entries()) yield record;
	}

	[Symbol.iterator](): MapIterator<[string, SerialRecord]> {
		return this.entries();
	}

	forEach(
		callback: (record: SerialRecord, key: string, map: ReadonlyMap<string, SerialRecord>) => void,
	): void {
		for (const [key, record] of this.entries()) callback(record, key, this);
	}
}

/** In-memory serial statuses; nothing is ever written to disk. */
export class SerialStore {
	readonly serials = new SerialRecords();

	get(productCode: string, serial: string): SerialRecord | undefined {
		return this.serials.get(serialKey(productCode, serial));
	}

	set(productCode: string, serial: string, record: SerialRecord): void {
		this.serials.of(productCode).set(serial, record);
	}

	/** Adds seeded serials that are not known yet; existing records keep their status. */
	seed(products: SandboxProduct[]): void {
		for (const product of products) {
			for (const serial of product.serials ?? []) {
				if (!this.get(product.productCode, serial)) {
					this.set(product.productCode, serial, {
						status: 'Commissioned',
						marketId: product.marketId,
					});
				}
			}
		}
	}

	reset(products: SandboxProduct[]): void {
		this.serials.clear();
		this.seed(products);
	}
}
