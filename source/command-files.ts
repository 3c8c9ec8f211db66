/**
 * The files a command will write and read, checked together before anything
 * is opened, truncated or trained (files/written-files.ts): --save,
 * --save-best, --log, --record and --out against each other and against
 * --model, --resume and every data file the run will read.
 */
import {sourceFiles} from './data/source-files.js';
import {removeStaleTemporaries} from './files/atomic-file.js';
import {identify} from './files/file-identity.js';
import {checkWrittenFiles, type ReadFile, type WrittenFile} from './files/written-files.js';
import type {Command} from './options.js';
import {eventLogKind} from './output/json-lines.js';
import {predictionsFileKind} from './output/predictions-csv.js';
import {modelFileKind} from './train/checkpoint/model-store.js';
import {dataFlagsGiven} from './train/checkpoint/resume.js';
import {castFileKind} from './ui/demo/cast-recorder.js';

export async function checkCommandFiles(command: Command): Promise<void> {
	if (command.kind !== 'train' && command.kind !== 'browse' && command.kind !== 'predict') return;
	const {config} = command;
	const outputs: WrittenFile[] = [];
	const inputs: ReadFile[] = [];
	if (config.model !== undefined) inputs.push({path: config.model, what: `--model ${config.model}`});
	if (command.kind === 'train') {
		// a resumed run saves back to its checkpoint unless --save names another file
		const resume = config.resume?.file;
		const save = config.save ?? resume;
		if (save !== undefined) {
			removeStaleTemporaries(save);
			outputs.push(
				config.save === undefined
					? {flag: '--resume', path: save, kind: modelFileKind, readFirst: true}
					: {flag: '--save', path: save, kind: modelFileKind},
			);
		}
		if (resume !== undefined && identify(resume).id !== identify(save!).id) inputs.push({path: resume, what: `--resume ${resume}`});
		if (config.saveBest !== undefined) {
			removeStaleTemporaries(config.saveBest);
			outputs.push({flag: '--save-best', path: config.saveBest, kind: modelFileKind});
		}
		if (command.log !== undefined) outputs.push({flag: '--log', path: command.log, kind: eventLogKind});
	}
	if (command.kind === 'predict' && command.out !== undefined) {
		removeStaleTemporaries(command.out);
		outputs.push({flag: '--out', path: command.out, kind: predictionsFileKind});
	}
	if (command.kind !== 'predict' && command.record !== undefined)
		outputs.push({flag: '--record', path: command.record, kind: castFileKind});
	if (outputs.length === 0) return;
	// a resumed run reads the data its checkpoint names unless data flags are given: the run checks --save against those itself
	const resumedData = command.kind === 'train' && config.resume !== undefined && !dataFlagsGiven(config);
	if (!resumedData) inputs.push(...(await sourceFiles(config.sources, command.kind === 'train' ? ['train', 'test'] : ['test'])));
	checkWrittenFiles(outputs, inputs);
}
