import type { Entity, Token } from '../types';
import { recognizeOrganizations } from './organizations';
import { recognizePersons } from './persons';
import { recognizePlaces } from './places';

/** All person/organization/location candidates (overlapping; the caller resolves them). */
export function recognizeNames(text: string, tokens: Token[]): Entity[] {
  const places = recognizePlaces(text, tokens);
  const organizations = recognizeOrganizations(text, tokens);
  const persons = recognizePersons(text, tokens, organizations, places);
  return [...organizations, ...places, ...persons];
}
