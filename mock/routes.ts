import { API_VERSIONS, type ApiVersion, type Operation, operationsOf } from '../contracts/index.ts';

/** A path template of the contract, split once. */
interface Template {
  readonly path: string;
  /** Literal segments, or the parameter name for {param} segments. */
  readonly segments: readonly { readonly literal?: string; readonly param?: string }[];
  readonly byMethod: ReadonlyMap<string, Operation>;
  /** The Allow header value for this path. */
  readonly allow: string;
}

/** The outcome of matching a request line against the contract. */
export type RouteMatch =
  | {
      readonly kind: 'operation';
      readonly operation: Operation;
      readonly version: ApiVersion;
      readonly params: Readonly<Record<string, string>>;
    }
  | { readonly kind: 'method-not-allowed'; readonly allow: string }
  | { readonly kind: 'not-found' };

const NOT_FOUND: RouteMatch = Object.freeze({ kind: 'not-found' });

/** A router over the operations of both versions' OpenAPI documents, built once. */
export interface Router {
  match(method: string, path: string): RouteMatch;
  /** Every operation routed, both versions. */
  readonly operations: readonly Operation[];
}

// Templates are looked up by segment count and first segment (the version), so a request is compared with
// the two or three paths that could match, not all of them.
function templateKey(count: number, first: string): string {
  return `${count} ${first}`;
}

function buildTemplates(operations: readonly Operation[]): Map<string, Template[]> {
  const byPath = new Map<string, Map<string, Operation>>();
  for (const op of operations) {
    const methods = byPath.get(op.path) ?? new Map<string, Operation>();
    methods.set(op.method, op);
    byPath.set(op.path, methods);
  }
  const byKey = new Map<string, Template[]>();
  for (const [path, byMethod] of byPath) {
    const segments = path
      .split('/')
      .slice(1)
      .map((segment) => {
        const param = /^\{(\w+)\}$/.exec(segment)?.[1];
        return param ? { param } : { literal: segment };
      });
    const template: Template = { path, segments, byMethod, allow: [...byMethod.keys()].join(', ') };
    const key = templateKey(segments.length, segments[0]?.literal ?? '');
    const list = byKey.get(key) ?? [];
    list.push(template);
    byKey.set(key, list);
  }
  return byKey;
}

function decodeSegment(segment: string): string | undefined {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function literalsMatch(template: Template, segments: readonly string[]): boolean {
  for (let i = 0; i < template.segments.length; i += 1) {
    const literal = template.segments[i]?.literal;
    if (literal !== undefined && literal !== segments[i + 1]) return false;
  }
  return true;
}

/** Builds the router from the operations of every API version's OpenAPI document (`operationsOf`). */
export function createRouter(operations: readonly Operation[] = API_VERSIONS.flatMap(operationsOf)): Router {
  const templates = buildTemplates(operations);
  return {
    operations,
    match(method, path) {
      const segments = path.split('/');
      // A path always starts with "/", so segments[0] is "" and the rest are what the templates hold.
      if (segments[0] !== '') return NOT_FOUND;
      const candidates = templates.get(templateKey(segments.length - 1, segments[1] ?? ''));
      if (!candidates) return NOT_FOUND;
      for (const template of candidates) {
        if (!literalsMatch(template, segments)) continue;
        // Parameter names come from the contract, never from the request, so a plain object is safe here.
        const params: Record<string, string> = {};
        for (let i = 0; i < template.segments.length; i += 1) {
          const param = template.segments[i]?.param;
          if (param === undefined) continue;
          const value = decodeSegment(segments[i + 1] ?? '');
          if (value === undefined || value === '') return NOT_FOUND;
          params[param] = value;
        }
        const operation = template.byMethod.get(method.toUpperCase());
        if (!operation) return { kind: 'method-not-allowed', allow: template.allow };
        return { kind: 'operation', operation, version: operation.version, params };
      }
      return NOT_FOUND;
    },
  };
}
