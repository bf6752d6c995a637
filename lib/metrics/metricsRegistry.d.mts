import type { IncomingMessage, ServerResponse } from "node:http";
import type { Counter, Gauge, Histogram, Registry } from "prom-client";

export function metricsRegistry(): Registry;
export function registeredOnce<M extends Counter | Gauge | Histogram>(name: string, create: (registry: Registry) => M): M;
export function routeLabeller(buildDir: string): (pathname: string) => string;
export function requestTimer(labelOf: (pathname: string) => string): (request: IncomingMessage, response: ServerResponse) => void;
