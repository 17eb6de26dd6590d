import {
	ApplicationError,
	NodeHelpers,
	type IDataObject,
	type INodeType,
	type INodeTypes,
	type IVersionedNodeType,
} from 'n8n-workflow';

export type NodeTypeMap = Record<string, INodeType | IVersionedNodeType>;

/** The package name real n8n prefixes our node types with when installed as community nodes. */
export const PACKAGE_NAME = 'n8n-nodes-movilitas';

/**
 * n8n loads nodes from ~/.n8n/custom under this prefix; fixtures exported from such an
 * instance use it, so the harness treats `CUSTOM.x` as an alias of `<package>.x`.
 */
const CUSTOM_PREFIX = 'CUSTOM';

/** `movilitasDecommission` → `n8n-nodes-movilitas.movilitasDecommission`. */
export function packageNodeType(localName: string): string {
	return `${PACKAGE_NAME}.${localName}`;
}

/** Node type registry for `new Workflow(...)`, keyed by full type name. */
export class HarnessNodeTypes implements INodeTypes {
	constructor(private readonly types: NodeTypeMap) {}

	getByName(typeName: string): INodeType | IVersionedNodeType {
		const type = this.types[typeName] ?? this.types[this.unalias(typeName)];
		if (!type) throw new ApplicationError(`Unknown node type "${typeName}" in the harness`);
		return type;
	}

	getByNameAndVersion(typeName: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(typeName), version);
	}

	getKnownTypes(): IDataObject {
		return Object.fromEntries(Object.keys(this.types).map((name) => [name, { className: name }]));
	}

	private unalias(typeName: string): string {
		const [prefix, localName] = typeName.split('.');
		return prefix === CUSTOM_PREFIX && localName ? packageNodeType(localName) : typeName;
	}
}
