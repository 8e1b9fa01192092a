import { AsyncLocalStorage } from 'node:async_hooks';
import type { DatabaseConnection, Dialect, Driver, QueryCompiler, TransactionSettings } from 'kysely';
import { CompiledQuery } from 'kysely';

/** The database rolled the request's transaction back under it (a deadlock): nothing was kept. */
export class TransactionRolledBackError extends Error {
  readonly code = 'TRANSACTION_ROLLED_BACK';

  constructor() {
    super('the database rolled the request transaction back');
  }
}

/**
 * One database transaction for a whole request: every query run inside `run()` — the
 * services' own `db.transaction()` calls become savepoints in it — and what the request
 * writes about itself at the end (its idempotency record with the answer) commit together
 * or not at all. A server killed after a change, or a database gone before the answer was
 * stored, then leaves neither behind, and the client's retry runs the request once more.
 *
 * Services are unaware of it: the driver hands the request's connection to every query made
 * in its async context, and `afterCommit` holds back what must only happen once the change
 * is really committed (waking the event streams).
 */
export class RequestTransaction {
  #state: 'open' | 'committed' | 'rolled back' = 'open';
  #savepoints: string[] = [];
  /** The database rolled the whole transaction back (MySQL does on a deadlock): it must not commit. */
  #aborted = false;
  #deferred: (() => void)[] = [];

  constructor(
    private readonly driver: Driver,
    readonly connection: DatabaseConnection,
    private readonly storage: AsyncLocalStorage<RequestTransaction>,
  ) {}

  get isOpen(): boolean {
    return this.#state === 'open';
  }

  /** Runs `work` with every query it makes (however deep) inside this transaction. */
  run<T>(work: () => T): T {
    return this.storage.run(this, work);
  }

  defer(work: () => void) {
    this.#deferred.push(work);
  }

  async beginSavepoint() {
    const name = `request_sp${this.#savepoints.length + 1}`;
    await this.connection.executeQuery(CompiledQuery.raw(`savepoint ${name}`));
    this.#savepoints.push(name);
  }

  async releaseSavepoint() {
    const name = this.#savepoints.pop();
    if (name !== undefined) await this.connection.executeQuery(CompiledQuery.raw(`release savepoint ${name}`));
  }

  /**
   * Undoes a service's transaction. When the savepoint is gone, the database has already
   * rolled back everything; the service's own error goes on, and the request cannot commit.
   */
  async rollbackToSavepoint() {
    const name = this.#savepoints.pop();
    if (name === undefined) return;
    try {
      await this.connection.executeQuery(CompiledQuery.raw(`rollback to savepoint ${name}`));
      await this.connection.executeQuery(CompiledQuery.raw(`release savepoint ${name}`));
    } catch {
      this.#aborted = true;
    }
  }

  /** Commits, gives the connection back, then runs what waited for the commit. */
  async commit() {
    if (!this.isOpen) throw new Error(`the request transaction was already ${this.#state}`);
    if (this.#aborted) {
      await this.rollback();
      throw new TransactionRolledBackError();
    }
    this.#state = 'committed';
    try {
      await this.driver.commitTransaction(this.connection);
    } catch (error) {
      await this.driver.rollbackTransaction(this.connection).catch(() => undefined);
      this.#deferred = [];
      throw error;
    } finally {
      await this.driver.releaseConnection(this.connection);
    }
    // Outside the request's context: these start work of their own.
    const deferred = this.#deferred;
    this.#deferred = [];
    this.storage.exit(() => {
      for (const work of deferred) work();
    });
  }

  /** Rolls back; on a connection already lost the database has rolled back by itself. */
  async rollback() {
    if (!this.isOpen) return;
    this.#state = 'rolled back';
    this.#deferred = [];
    await this.driver.rollbackTransaction(this.connection).catch(() => undefined);
    await this.driver.releaseConnection(this.connection);
  }
}

export interface RequestTransactions {
  /** Takes a connection and begins the transaction; `run()` makes queries join it. */
  begin(): Promise<RequestTransaction>;
  /** Runs `work` now, or — inside an open request transaction — once it has committed. */
  afterCommit(work: () => void): void;
  /** True inside an open request transaction. */
  isActive(): boolean;
}

/**
 * The dialect's driver, aware of request transactions: inside one, a query gets the
 * request's connection, and a transaction a service opens is a savepoint of the request's.
 */
class RequestAwareDriver implements Driver {
  #init: Promise<void> | undefined;

  constructor(
    private readonly inner: Driver,
    private readonly storage: AsyncLocalStorage<RequestTransaction>,
  ) {}

  #current(connection?: DatabaseConnection): RequestTransaction | undefined {
    const request = this.storage.getStore();
    if (!request?.isOpen) return undefined;
    return connection === undefined || connection === request.connection ? request : undefined;
  }

  init(): Promise<void> {
    this.#init ??= this.inner.init();
    return this.#init;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return this.#current()?.connection ?? this.inner.acquireConnection();
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const request = this.#current(connection);
    // The request's isolation level holds for its savepoints (READ COMMITTED on MySQL).
    if (request) await request.beginSavepoint();
    else await this.inner.beginTransaction(connection, settings);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const request = this.#current(connection);
    if (request) await request.releaseSavepoint();
    else await this.inner.commitTransaction(connection);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const request = this.#current(connection);
    if (request) await request.rollbackToSavepoint();
    else await this.inner.rollbackTransaction(connection);
  }

  savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    if (!this.inner.savepoint) throw new Error('savepoints are not supported by this driver');
    return this.inner.savepoint(connection, name, compile);
  }

  rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    if (!this.inner.rollbackToSavepoint) throw new Error('savepoints are not supported by this driver');
    return this.inner.rollbackToSavepoint(connection, name, compile);
  }

  releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    if (!this.inner.releaseSavepoint) throw new Error('savepoints are not supported by this driver');
    return this.inner.releaseSavepoint(connection, name, compile);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    // The request's connection goes back when the request transaction ends.
    if (!this.#current(connection)) await this.inner.releaseConnection(connection);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }

  async beginRequest(settings: TransactionSettings): Promise<RequestTransaction> {
    await this.init();
    const connection = await this.inner.acquireConnection();
    try {
      await this.inner.beginTransaction(connection, settings);
    } catch (error) {
      await this.inner.releaseConnection(connection);
      throw error;
    }
    return new RequestTransaction(this.inner, connection, this.storage);
  }
}

/**
 * Wraps a dialect so that its database supports request transactions. `settings` are those
 * of every request transaction: on MySQL, READ COMMITTED, so that a read after a row lock
 * sees what the previous holder committed (as the services' own transactions ask for).
 */
export function withRequestTransactions(
  dialect: Dialect,
  settings: TransactionSettings,
): { dialect: Dialect; requestTransactions: RequestTransactions } {
  const storage = new AsyncLocalStorage<RequestTransaction>();
  let driver: RequestAwareDriver | undefined;
  const wrapped: Dialect = {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => {
      driver = new RequestAwareDriver(dialect.createDriver(), storage);
      return driver;
    },
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
  return {
    dialect: wrapped,
    requestTransactions: {
      begin() {
        if (!driver) throw new Error('the database is not open');
        return driver.beginRequest(settings);
      },
      afterCommit(work) {
        const request = storage.getStore();
        if (request?.isOpen) request.defer(work);
        else work();
      },
      isActive: () => storage.getStore()?.isOpen === true,
    },
  };
}
