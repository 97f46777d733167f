import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mongoose, { Schema, type Connection } from 'mongoose';
import { startLocalMongo, type LocalMongo } from '../../server/dev/local-mongo';
import { LocalMongoError } from '../../server/dev/local-mongo-error';
import { ensureLauncherBuilt } from '../../server/dev/mongo-launcher-build';

/*
 * The local MongoDB (mongo-java-server behind our launcher) stands in for MongoDB in dev and CI.
 * These checks pin the behaviour the rest of the code base relies on.
 */

const DATABASE_NAME = 'local_mongo_test';

function sharedServerUri(): string {
  const uri = process.env.MONGODB_URI;
  if (!uri) throw new Error('MONGODB_URI is not set: jest globalSetup should have started the local MongoDB');
  return uri;
}

interface Widget {
  sku: string;
  status: 'SUGGESTED' | 'ACCEPTED' | 'DECLINED';
  quantity: number;
}

const widgetSchema = new Schema<Widget>({
  sku: { type: String, required: true, unique: true },
  status: { type: String, required: true, enum: ['SUGGESTED', 'ACCEPTED', 'DECLINED'] },
  quantity: { type: Number, required: true },
});

async function connect(uri: string, dbName: string): Promise<Connection> {
  return mongoose.createConnection(uri, { dbName, serverSelectionTimeoutMS: 5000 }).asPromise();
}

describe('local MongoDB through mongoose', () => {
  let connection: Connection;

  beforeAll(async () => {
    connection = await connect(sharedServerUri(), DATABASE_NAME);
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('reports MongoDB 7.0 (wire version 21) in hello, isMaster and buildInfo', async () => {
    const admin = connection.db!.admin();
    const hello = await admin.command({ hello: 1 });
    expect(hello).toMatchObject({ isWritablePrimary: true, maxWireVersion: 21, minWireVersion: 0, ok: 1 });
    const isMaster = await admin.command({ isMaster: 1 });
    expect(isMaster).toMatchObject({ ismaster: true, maxWireVersion: 21, minWireVersion: 0 });
    const buildInfo = await admin.command({ buildInfo: 1 });
    expect(buildInfo.version).toMatch(/^7\.0\./);
  });

  it('inserts, finds, updates, runs conditional updates and enforces unique indexes', async () => {
    const Widgets = connection.model<Widget>('Widget', widgetSchema);
    await Widgets.init();

    const created = await Widgets.create({ sku: 'W-1', status: 'SUGGESTED', quantity: 1 });
    expect(await Widgets.findOne({ sku: 'W-1' }).lean()).toMatchObject({ sku: 'W-1', quantity: 1 });

    await Widgets.updateOne({ _id: created._id }, { $inc: { quantity: 2 } });
    expect((await Widgets.findById(created._id).lean())?.quantity).toBe(3);

    // A state change only wins while the document is still in the expected state.
    const accepted = await Widgets.findOneAndUpdate(
      { _id: created._id, status: 'SUGGESTED' },
      { $set: { status: 'ACCEPTED' } },
      { returnDocument: 'after' },
    ).lean();
    expect(accepted?.status).toBe('ACCEPTED');
    const declinedTooLate = await Widgets.findOneAndUpdate(
      { _id: created._id, status: 'SUGGESTED' },
      { $set: { status: 'DECLINED' } },
      { returnDocument: 'after' },
    ).lean();
    expect(declinedTooLate).toBeNull();

    await expect(Widgets.create({ sku: 'W-1', status: 'SUGGESTED', quantity: 5 })).rejects.toMatchObject({ code: 11000 });
    expect(await Widgets.countDocuments({ sku: 'W-1' })).toBe(1);
  });
});

describe('startLocalMongo', () => {
  it('rejects with PORT_IN_USE when the port is already taken', async () => {
    const occupier = await listenOnFreePort();
    const { port } = occupier.address() as AddressInfo;
    try {
      const starting = startLocalMongo({ backend: 'memory', host: '127.0.0.1', port });
      await expect(starting).rejects.toBeInstanceOf(LocalMongoError);
      await expect(starting).rejects.toMatchObject({ code: 'PORT_IN_USE', message: expect.stringContaining(String(port)) });
    } finally {
      await new Promise((resolve) => occupier.close(resolve));
    }
  });

  it('keeps H2 data across a stop and restart on the same file', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'pilotline-h2-'));
    const dataFile = path.join(dataDir, 'nested', 'pilotline.mv');
    let server: LocalMongo | undefined;
    try {
      server = await startLocalMongo({ backend: 'h2', dataFile, port: 0 });
      const firstConnection = await connect(server.uri, 'h2_persistence');
      await firstConnection.collection('notes').insertOne({ key: 'kept', body: 'survives a restart' });
      await firstConnection.close();
      // Stopped straight after the write: only a clean H2 close on SIGTERM can have flushed it.
      await server.stop();

      server = await startLocalMongo({ backend: 'h2', dataFile, port: 0 });
      const secondConnection = await connect(server.uri, 'h2_persistence');
      const note = await secondConnection.collection('notes').findOne({ key: 'kept' });
      await secondConnection.close();
      expect(note?.body).toBe('survives a restart');
    } finally {
      await server?.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('launcher exits on its own when its stdin closes, so it never outlives its parent', async () => {
    const jar = await ensureLauncherBuilt();
    const child = spawn('java', ['-jar', jar, '--port', '0', '--backend', 'memory'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const exitCode = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('PILOTLINE_MONGO_READY ')) resolve();
        });
        child.once('exit', () => reject(new Error('launcher exited before it was ready')));
      });
      child.stdin.end();
      await expect(exitCode).resolves.toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });
});

function listenOnFreePort(): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}
