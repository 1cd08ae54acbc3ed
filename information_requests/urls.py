from django.urls import path

from information_requests import views

app_name = "information_requests"

urlpatterns = [
    path("", views.request_form, name="form"),
    path("tanda-terima/<str:number>/<slug:token>/", views.receipt, name="receipt"),
    path("tanda-terima/<str:number>/<slug:token>/pdf/", views.receipt_pdf, name="receipt_pdf"),
    path("lacak/", views.track, name="track"),
    path("lacak/<str:number>/<slug:token>/", views.tracking, name="tracking"),
    path("lacak/<str:number>/<slug:token>/pemberitahuan/", views.notice_pdf, name="notice_pdf"),
    path("lacak/<str:number>/<slug:token>/keberatan/", views.objection_form, name="objection_form"),
    path(
        "lacak/<str:number>/<slug:token>/keberatan/<str:objection>/",
        views.objection,
        name="objection",
    ),
    path(
        "lacak/<str:number>/<slug:token>/keberatan/<str:objection>/tanda-terima/",
        views.objection_receipt_pdf,
        name="objection_receipt_pdf",
    ),
    path(
        "lacak/<str:number>/<slug:token>/keberatan/<str:objection>/jawaban/",
        views.objection_answer_pdf,
        name="objection_answer_pdf",
    ),
    path("survei/<str:token>/", views.survey, name="survey"),
    path("survei/<str:token>/terima-kasih/", views.survey_thanks, name="survey_thanks"),
    path("saran/", views.suggestions, name="suggestions"),
    path("saran/<int:page_id>/", views.follow_suggestion, name="follow_suggestion"),
]
