import type {Backend, BackendChoice, BackendName} from './backend.js';
import {jsBackend} from './js-backend.js';
import {WasmBackend, type WasmOptions} from './wasm/wasm-backend.js';
import {wasmAvailable} from './wasm/wasm-module.js';

/** 'auto' is wasm when this runtime validates the SIMD kernels, js otherwise. */
export function resolveBackend(choice: BackendChoice): BackendName {
	return choice === 'auto' ? (wasmAvailable() ? 'wasm' : 'js') : choice;
}

/**
 * A backend for one network. Each wasm backend has a memory of its own, so a
 * network's arrays are freed with it, and may share its products with
 * partner threads (`threads`; close() ends them); the js backend has
 * nothing to share and runs on the calling thread.
 */
export function createBackend(choice: BackendChoice = 'auto', options: WasmOptions = {}): Backend {
	if (resolveBackend(choice) === 'js') return jsBackend;
	if (!wasmAvailable()) throw new Error('this runtime cannot run the WebAssembly SIMD kernels; use the js backend');
	return new WasmBackend(options);
}
