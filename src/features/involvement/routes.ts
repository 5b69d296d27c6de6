import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';

export async function involvementRoutes(app: FastifyInstance, services: Services): Promise<void> {
  void app;
  void services;
}
