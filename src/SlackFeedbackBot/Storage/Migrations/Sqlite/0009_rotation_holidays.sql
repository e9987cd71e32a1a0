-- Public holidays: the country of a rotation ('auto': the country of each member's zone; NULL: none), and of a
-- member (which wins for that person).
ALTER TABLE rotations ADD COLUMN holiday_country TEXT DEFAULT 'auto';
ALTER TABLE rotation_members ADD COLUMN holiday_country TEXT;
