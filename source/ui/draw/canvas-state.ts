/**
 * The canvas as a pure reducer: the 28×28 drawing, the keyboard's cursor and
 * pen, the tool, and the mouse stroke in progress. Each action that paints
 * returns a new image, so a view redraws exactly when the drawing changed.
 */
import {IMAGE_COLUMNS as side} from '../../data/dataset.js';
import {eraser, type Point, paintDot, paintLine, pen} from './brush.js';

export interface CanvasState {
	/** 28×28 values 0 (paper) to 1 (ink), row-major. */
	readonly image: Float32Array;
	/** The keyboard's cursor, a pixel of the image; it starts at the centre. */
	readonly cursor: {readonly row: number; readonly column: number};
	/** The keyboard's pen is down: every pixel the cursor passes is painted. */
	readonly penDown: boolean;
	/** `e`: the pen takes ink away (the mouse's left button too; the right one always erases). */
	readonly erasing: boolean;
	/** Where the mouse stroke in progress last was, and whether it erases; null when no button is down. */
	readonly stroke: {readonly at: Point; readonly erase: boolean} | null;
}

export type CanvasAction =
	| {readonly type: 'move'; readonly rows: number; readonly columns: number}
	| {readonly type: 'pen'}
	| {readonly type: 'eraser'}
	| {readonly type: 'clear'}
	/** A mouse button went down at a point of the image (in pixels, fractions allowed); `erase` for the right button. */
	| {readonly type: 'press'; readonly at: Point; readonly erase: boolean}
	| {readonly type: 'drag'; readonly at: Point}
	| {readonly type: 'release'};

export const initialCanvas = (): CanvasState => ({
	image: new Float32Array(side * side),
	cursor: {row: side / 2, column: side / 2},
	penDown: false,
	erasing: false,
	stroke: null,
});

const centre = ({row, column}: {row: number; column: number}): Point => ({row: row + 0.5, column: column + 0.5});
const clamp = (value: number) => Math.min(side - 1, Math.max(0, value));

export function canvasReducer(state: CanvasState, action: CanvasAction): CanvasState {
	switch (action.type) {
		case 'move': {
			const cursor = {row: clamp(state.cursor.row + action.rows), column: clamp(state.cursor.column + action.columns)};
			if (!state.penDown) return {...state, cursor};
			const image = state.image.slice();
			paintLine(image, centre(state.cursor), centre(cursor), state.erasing ? eraser : pen);
			return {...state, cursor, image};
		}
		case 'pen': {
			if (state.penDown) return {...state, penDown: false};
			const image = state.image.slice();
			paintDot(image, centre(state.cursor), state.erasing ? eraser : pen);
			return {...state, penDown: true, image};
		}
		case 'eraser':
			return {...state, erasing: !state.erasing};
		case 'clear':
			return {...state, image: new Float32Array(side * side)};
		case 'press': {
			const erase = action.erase || state.erasing;
			const image = state.image.slice();
			paintDot(image, action.at, erase ? eraser : pen);
			return {...state, image, stroke: {at: action.at, erase}};
		}
		case 'drag': {
			if (!state.stroke) return state;
			const image = state.image.slice();
			paintLine(image, state.stroke.at, action.at, state.stroke.erase ? eraser : pen);
			return {...state, image, stroke: {...state.stroke, at: action.at}};
		}
		case 'release':
			return state.stroke ? {...state, stroke: null} : state;
	}
}

/** Whether anything is drawn. */
export const isBlank = (image: Float32Array): boolean => image.every(value => value === 0);
