export interface RoomTypeTable {
  id: string;
  code: string;
  name: string;
  base_occupancy: number;
}

export interface RoomTable {
  id: string;
  number: string;
  room_type_id: string;
}
