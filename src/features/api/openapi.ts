/**
 * The OpenAPI document for /api/v1. Each feature adds its paths and schemas here, beside its routes.
 */
export type OpenApiDocument = {
  openapi: string;
  info: Record<string, unknown>;
  servers: { url: string }[];
  security: Record<string, string[]>[];
  paths: Record<string, unknown>;
  components: {
    securitySchemes: Record<string, unknown>;
    schemas: Record<string, unknown>;
    responses: Record<string, unknown>;
  };
};

export function baseOpenApiDocument(): OpenApiDocument {
  return {
    openapi: '3.1.0',
    info: {
      title: 'MACA API',
      version: '1',
      description:
        'Multi-agency case audits. Authenticate with a personal access token ' +
        '(created on "Your account"): `Authorization: Bearer maca_pat_...`. A ' +
        "token has exactly its owner's permissions. Anything the owner may " +
        'not see answers 404.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ personalAccessToken: [] }],
    paths: {},
    components: {
      securitySchemes: {
        personalAccessToken: { type: 'http', scheme: 'bearer', description: 'A personal access token, maca_pat_...' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error', 'correlationId'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: { code: { type: 'string' }, message: { type: 'string' } },
            },
            correlationId: { type: 'string' },
          },
        },
      },
      responses: {
        Unauthorised: {
          description: 'No valid token',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
        NotFound: {
          description: 'Not found, or not yours to see',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
        BadRequest: {
          description: 'The request is not valid',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    },
  };
}
