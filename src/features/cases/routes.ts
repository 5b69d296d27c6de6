import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';

export async function caseRoutes(app: FastifyInstance, services: Services): Promise<void> {
  void app;
  void services;
}
