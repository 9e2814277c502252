// Ports for the servers the tests start (preview server, moto_server), shared by the runner and the tests.
import { connect, createServer } from 'node:net';

/**
 * A port no process listens on now, as the OS hands one out: a server left over from another run, or
 * the reader's own `npm start`, must never be tested in place of the one a test starts.
 * @returns {Promise<number>}
 */
export function freePort() {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('the OS gave no port'))));
		});
	});
}

/**
 * Whether something accepts connections on the port at 127.0.0.1.
 * @param {number} port
 * @returns {Promise<boolean>}
 */
export function listening(port) {
	return new Promise((resolve) => {
		const socket = connect({ port, host: '127.0.0.1' });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}
