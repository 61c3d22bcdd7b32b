"""Orders: My orders and the order card (buyer), the status machine, the marketplace's side
(sync, factory), parcel tracking, and the trash."""
