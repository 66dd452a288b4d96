-- An event's own point on the map (latitude, longitude), when it is held away from the
-- organization's address: the calendar feeds' GEO and a «на карте» link use it.
alter table event add column point_lat real;
alter table event add column point_lon real;
