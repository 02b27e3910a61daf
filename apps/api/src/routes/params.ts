// Route parameter schemas shared by every resource addressed by id.
import { Type } from 'typebox';

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
