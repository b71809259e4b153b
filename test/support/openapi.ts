/** The app's OpenAPI document, as the isolation matrix and the fuzz suite read it. */
export interface Schema {
  $ref?: string;
  type?: string;
  example?: unknown;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
}
export interface Operation {
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}
export interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}
export const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
export type Method = (typeof METHODS)[number];

export interface Endpoint {
  method: Method;
  path: string;
  /** `GET /api/v1/tenders/{id}` */
  key: string;
  op: Operation;
}

/** Every operation of the document, in its order. */
export function endpoints(doc: OpenApi): Endpoint[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => m in item).map((method) => ({
      method,
      path,
      key: `${method.toUpperCase()} ${path}`,
      op: item[method],
    })),
  );
}

function resolve(doc: OpenApi, schema: Schema): Schema {
  return schema.$ref
    ? resolve(doc, doc.components.schemas[schema.$ref.split('/').pop() ?? ''])
    : schema;
}

/** The body schema of an operation (JSON), resolved. */
export function bodySchema(doc: OpenApi, op: Operation): Schema | undefined {
  const schema = op.requestBody?.content['application/json']?.schema;
  return schema ? resolve(doc, schema) : undefined;
}

/**
 * A well-formed body from the documented examples: every required property with its example,
 * `ids` for the properties the document cannot know (ids of the fixture, also optional ones),
 * nested objects built the same way. A denial must then come from the access rule, not from validation.
 */
export function exampleBody(
  doc: OpenApi,
  schema: Schema,
  ids: Record<string, unknown>,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const name of Object.keys(schema.properties ?? {}))
    if (name in ids && !(schema.required ?? []).includes(name)) body[name] = ids[name];
  for (const name of schema.required ?? []) {
    const prop = schema.properties?.[name] ?? {};
    if (name in ids) body[name] = ids[name];
    else if (prop.example !== undefined) body[name] = prop.example;
    else if (prop.enum) body[name] = prop.enum[0];
    else if (prop.$ref) body[name] = exampleBody(doc, resolve(doc, prop), ids);
    else if (prop.type === 'array' && prop.items)
      body[name] = [exampleBody(doc, resolve(doc, prop.items), ids)];
  }
  return body;
}
