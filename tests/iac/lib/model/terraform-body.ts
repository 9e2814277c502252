/**
 * What every Terraform property map (read-terraform.ts and its read-terraform-<area>.ts parts) reads
 * a resource with: its arguments and nested blocks as HCL values.
 */
import type { HclValue } from './hcl';
import type { Json } from '../../../../src/lib/iac/model';

export type Body = Record<string, HclValue>;
/** A Terraform resource read as CloudFormation: its type, when the map decides it, and properties. */
export type Mapped = { type?: string; props: Record<string, Json | undefined> };

/** A nested block's instances: HCL gives one block as an object and several as a list. */
export const block = (body: Body | undefined, name: string): Body[] => {
	const value = body?.[name];
	return (Array.isArray(value) ? value : value && typeof value === 'object' ? [value] : []) as Body[];
};
export const first = (body: Body | undefined, name: string): Body | undefined => block(body, name)[0];
export const json = (value: HclValue | undefined) => value as Json | undefined;

/** A block's arguments under new names, or undefined when the block is absent. */
export function renamed(body: Body | undefined, names: Record<string, string>): Json | undefined {
	if (!body) return undefined;
	return Object.fromEntries(Object.entries(names).flatMap(([from, to]) => (body[from] === undefined ? [] : [[to, body[from] as Json]])));
}
