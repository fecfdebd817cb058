
¯¼ÈØŸë†Ürec/images/update"S
)containerd.services.images.v1.ImageUpdate&
docker.io/library/bbx:1
keepyes