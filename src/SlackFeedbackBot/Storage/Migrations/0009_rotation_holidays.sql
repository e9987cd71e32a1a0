-- Public holidays: the country of a rotation, and of a member (which wins for that person). NULL: none.
ALTER TABLE rotations ADD COLUMN holiday_country TEXT;
ALTER TABLE rotation_members ADD COLUMN holiday_country TEXT;
