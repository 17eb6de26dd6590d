import type { SandboxProduct, SerialRecord } from './types';

/** Product codes are digit strings, so the first ':' always separates product from serial. */
export function serialKey(productCode: string, serial: string): string {
	return `${productCode}:${serial}`;
}

/** In-memory serial statuses; nothing is ever written to disk. */
export class SerialStore {
	readonly serials = new Map<string, SerialRecord>();

	get(productCode: string, serial: string): SerialRecord | undefined {
		return this.serials.get(serialKey(productCode, serial));
	}

	set(productCode: string, serial: string, record: SerialRecord): void {
		this.serials.set(serialKey(productCode, serial), record);
	}

	/** By a serialKey made once: a request of 1,000 serials looks each up, then stores it. */
	getByKey(key: string): SerialRecord | undefined {
		return this.serials.get(key);
	}

	setByKey(key: string, record: SerialRecord): void {
		this.serials.set(key, record);
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
