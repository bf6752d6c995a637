/**
 * What the read modules outside lib/store need of Prisma's client: the builder of bound SQL
 * fragments and the row types of the tables they read. Re-exported here so that only lib/store
 * imports the generated client.
 */
export { Prisma } from "../generated/prisma/client";
export type { Connection } from "../generated/prisma/client";
