/** The parts of an OpenAPI 3 document the fuzzer reads. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

type Content = Record<string, { schema?: Schema }>;

export interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { parameters?: Parameter[]; requestBody?: { content?: Content }; responses?: Record<string, { content?: Content }> }>
  >;
  components?: { schemas?: Record<string, Schema> };
}

export interface Operation {
  method: string;
  /** The templated path, such as /complaints/{id}/verify. */
  path: string;
  parameters: Parameter[];
  body: Schema | undefined;
  /** The problem codes documented per status (application/problem+json answers). */
  problems: Map<number, string[]>;
  /** Every 4xx and 5xx status documented, whatever its body (Open311's errors are not problem details). */
  errorStatuses: number[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** Every path and method in the document, with $refs resolved and parameters unique by place and name. */
export function operationsOf(document: OpenApiDocument): Operation[] {
  const resolve = (schema: Schema | undefined): Schema | undefined => resolveSchema(document, schema);
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => {
        const seen = new Set<string>();
        const parameters = (operation.parameters ?? []).filter((p) => {
          const key = `${p.in}:${p.name.toLowerCase()}`;
          return seen.has(key) ? false : (seen.add(key), true);
        });
        const problems = new Map(
          Object.entries(operation.responses ?? {}).flatMap(([status, response]) => {
            const schema = response.content?.['application/problem+json']?.schema;
            const codes = schema?.allOf?.flatMap((part) => (part.properties?.code?.enum ?? []) as string[]) ?? [];
            return codes.length ? [[Number(status), codes] as const] : [];
          }),
        );
        const errorStatuses = Object.keys(operation.responses ?? {}).map(Number).filter((status) => status >= 400);
        return { method: method.toUpperCase(), path, parameters, body: resolve(operation.requestBody?.content?.['application/json']?.schema), problems, errorStatuses };
      }),
  );
}

export function resolveSchema(document: OpenApiDocument, schema: Schema | undefined): Schema | undefined {
  if (!schema) return undefined;
  if (schema.$ref) return resolveSchema(document, document.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')]);
  if (schema.allOf?.length === 1) return resolveSchema(document, schema.allOf[0]);
  return schema;
}
