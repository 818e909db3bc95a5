<?xml version="1.0" encoding="UTF-8"?>
<!--
  task.xsl: the parts of the task pages every business shares
  (lib/taskpage.c builds them the same way for each).  Included by each
  business's stylesheet, after it imports layout.xsl.  The page carries
  the business's path as /page/@path, so forms post to
  {path}/upload, {path}/submit, … without naming a business.

    task-status         业务顺序号, 状态, 回退标志, 审批人, 回退原因
    task-state-note     进行中 / 退单 notes (结束 is the business's own);
                        a 普通 unit's 进行中 task links to 办事预约
    materials           the materials of the task as a whole, with their
                        files and one upload form each
    person-materials    the materials one person must give (groups: one
                        of each group), with an upload form per group
    attachment-links    the files of one person (pid 0: the task): 查看
                        (inline in the browser) and 下载
    batch-counts        导入成功 / 导入失败 and every failed row
    submit-cancel       提交 and 退单 of a draft, with room for more links
    batch-upload        the template link and the upload form
    history             办理记录
  and the views every batch business shares:
    batch-import        an import job's progress (the page refreshes
                        itself every 2 s: layout.xsl)
    batch-import-failed an import job that could not finish
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:variable name="path" select="/page/@path"/>
  <xsl:variable name="task" select="/page/task"/>
  <xsl:variable name="editable" select="/page/@editable = '1'"/>

  <!-- An import job's progress (view batch-import, refreshed by
       layout.xsl) or its failure (batch-import-failed). -->
  <xsl:template match="page[@view = 'batch-import' or @view = 'batch-import-failed']" mode="content">
    <xsl:variable name="job" select="/page/import"/>
    <xsl:call-template name="section"><xsl:with-param name="title" select="concat(/page/@title, ' - 导入进度')"/></xsl:call-template>
    <div class="import-progress" data-state="{$job/@state}">
      <xsl:choose>
        <xsl:when test="$job/@state = 'running'">
          <p role="status">正在导入,请稍候(本页每 2 秒自动刷新,导入完成后自动显示导入结果;关闭本页不影响导入)。</p>
        </xsl:when>
        <xsl:otherwise>
          <p role="alert">导入未能完成。已导入的行仍在该业务中,请退单后重新上传。</p>
        </xsl:otherwise>
      </xsl:choose>
      <progress max="{$job/@rows}" value="{$job/@done}"><xsl:value-of select="$job/@percent"/>%</progress>
      <p class="counts">
        <span>共 <strong class="rows-count"><xsl:value-of select="$job/@rows"/></strong> 行,</span>
        <span>已处理 <strong class="done-count"><xsl:value-of select="$job/@done"/></strong> 行(<xsl:value-of select="$job/@percent"/>%),</span>
        <span>成功 <strong class="ok-count"><xsl:value-of select="$job/@ok"/></strong> 行,</span>
        <span>失败 <strong class="failed-count"><xsl:value-of select="$job/@failed"/></strong> 行</span>
      </p>
      <p>
        <xsl:choose>
          <xsl:when test="$job/@state = 'running'">
            <a class="btn" href="{$path}/batch/import?job={$job/@job}">刷新进度</a>
          </xsl:when>
          <xsl:otherwise>
            <a class="btn" href="{$path}?id={$job/@task}">查看该业务</a>
          </xsl:otherwise>
        </xsl:choose>
      </p>
    </div>
  </xsl:template>

  <!-- The task's status line with its 回退原因. -->
  <xsl:template name="task-status">
    <xsl:if test="$task">
      <table class="form-grid task-status">
        <tr>
          <th>业务顺序号</th>
          <td class="mono"><xsl:value-of select="$task/@seq"/></td>
          <th>业务状态</th>
          <td>
            <xsl:call-template name="state-badge"><xsl:with-param name="state" select="$task/@state"/></xsl:call-template>
            <xsl:if test="$task/@overdue = '1'"><xsl:text> </xsl:text><span class="badge badge-overdue" title="超过规定办理时限">逾期</span></xsl:if>
          </td>
          <th>回退标志</th>
          <td>
            <xsl:call-template name="yes-no"><xsl:with-param name="v" select="$task/@returned"/></xsl:call-template>
          </td>
        </tr>
        <xsl:if test="$task/@decided-by != ''">
          <tr>
            <th>审批结果</th><td>结束</td>
            <th>审批人</th><td><xsl:value-of select="$task/@decided-by"/></td>
            <th>办结时间</th><td class="time"><xsl:value-of select="$task/@decided"/></td>
          </tr>
        </xsl:if>
      </table>
      <xsl:if test="$task/@returned = '1' and $task/@reason != ''">
        <div class="msg msg-error returned-reason" role="alert">
          <strong>回退原因: </strong><xsl:value-of select="$task/@reason"/>
          <xsl:text>(请按回退原因修改后重新提交)</xsl:text>
        </div>
      </xsl:if>
      <xsl:call-template name="row-returns"/>
    </xsl:if>
  </xsl:template>

  <!-- What a 进行中 or 退单 task's page says. -->
  <xsl:template name="task-state-note">
    <xsl:choose>
      <xsl:when test="$task/@state = '进行中'">
        <div class="msg msg-info" role="status">已提交,等待经办机构审核(<xsl:value-of select="/page/review-days"/>)。审核结果可在首页已办任务列表查看。</div>
        <xsl:call-template name="yuyue-link"/>
      </xsl:when>
      <xsl:when test="$task/@state = '退单'">
        <div class="msg msg-warn" role="status">该业务已退单,如需办理请重新申报。</div>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- A 普通 unit's submitted task: the materials go to the counter,
       and 办事预约 books a time for it (a VIP unit's tasks never need
       it). -->
  <xsl:template name="yuyue-link">
    <xsl:if test="/page/session/@vip = '0'">
      <p class="note yuyue-link">需携带材料到辖区社保经办机构审核的,可<a href="/yuyue/book?task={$task/@id}">预约办理时间</a>,减少排队等候。</p>
    </xsl:if>
  </xsl:template>

  <!-- The files of person $pid (0: the task as a whole), or of
       material $code when given: 查看 opens it in the browser, the name
       downloads it. -->
  <xsl:template name="attachment-links">
    <xsl:param name="pid" select="'0'"/>
    <xsl:param name="code" select="''"/>
    <xsl:for-each select="/page/attachments/attachment[@pid = $pid and ($code = '' or @material = $code)]">
      <span class="attachment">
        <a class="op view" href="{$path}/attachment?id={@id}&amp;inline=1" target="_blank" rel="noopener" title="{@material-name}: {@filename}">查看附件</a>
        <xsl:text> </xsl:text>
        <a class="download" href="{$path}/attachment?id={@id}"><xsl:value-of select="@filename"/></a>
        <xsl:text> (</xsl:text>
        <xsl:call-template name="file-size"><xsl:with-param name="bytes" select="@size"/></xsl:call-template>
        <xsl:text>)</xsl:text>
      </span>
      <xsl:text> </xsl:text>
    </xsl:for-each>
  </xsl:template>

  <!-- The 上传附件 table: the materials of the task as a whole (pid 0),
       their files, and an upload form each while the task is a draft. -->
  <xsl:template name="materials">
    <xsl:param name="intro"/>
    <xsl:variable name="m" select="/page/materials"/>
    <xsl:variable name="up" select="$task and $editable"/>
    <xsl:call-template name="section">
      <xsl:with-param name="title">上传附件</xsl:with-param>
      <xsl:with-param name="note">(PDF 或 JPG 格式,按文件内容识别,单个文件不超过<xsl:value-of select="$m/@max-mb"/>MB)</xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="field-errors"><xsl:with-param name="name">attachments</xsl:with-param></xsl:call-template>
    <xsl:call-template name="field-errors"><xsl:with-param name="name">material</xsl:with-param></xsl:call-template>
    <xsl:copy-of select="$intro"/>
    <table class="grid materials">
      <thead>
        <tr><th>材料名称</th><th>是否必需</th><th>已上传文件</th>
          <xsl:if test="$up"><th>上传</th></xsl:if>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="$m/material[@pid = '0']">
          <xsl:variable name="code" select="@code"/>
          <xsl:variable name="g" select="@group"/>
          <!-- One of a group is enough: met once any of it is uploaded. -->
          <xsl:variable name="group-met" select="boolean($g and $m/material[@pid = '0' and @group = $g and @uploaded = '1'])"/>
          <tr id="m-{@code}">
            <td>
              <xsl:if test="@required = '1'"><xsl:call-template name="required-mark"/></xsl:if>
              <xsl:value-of select="@name"/>
            </td>
            <td>
              <xsl:choose>
                <xsl:when test="@required = '1' and $g">必需(同组提供其一即可)</xsl:when>
                <xsl:when test="@required = '1'">必需</xsl:when>
                <xsl:otherwise>可选(如有)</xsl:otherwise>
              </xsl:choose>
            </td>
            <td>
              <xsl:call-template name="attachment-links"><xsl:with-param name="code" select="$code"/></xsl:call-template>
              <xsl:if test="not(/page/attachments/attachment[@pid = '0' and @material = $code])">
                <xsl:choose>
                  <xsl:when test="$group-met"><span class="note group-met">无需上传(同组材料已上传)</span></xsl:when>
                  <xsl:when test="@required = '1'"><span class="state-returned">未上传</span></xsl:when>
                  <xsl:otherwise><span class="note">未上传</span></xsl:otherwise>
                </xsl:choose>
              </xsl:if>
            </td>
            <xsl:if test="$up">
              <td>
                <form method="post" action="{$path}/upload" enctype="multipart/form-data" class="upload">
                  <xsl:call-template name="csrf"/>
                  <input type="hidden" name="id" value="{$task/@id}"/>
                  <input type="hidden" name="material" value="{@code}"/>
                  <input type="file" name="file" accept=".pdf,.jpg,.jpeg,application/pdf,image/jpeg" aria-label="{@name}"/>
                  <button type="submit" class="btn">上传</button>
                  <xsl:call-template name="field-errors"><xsl:with-param name="name" select="$code"/></xsl:call-template>
                </form>
              </td>
            </xsl:if>
          </tr>
        </xsl:for-each>
        <xsl:if test="not($m/material[@pid = '0'])">
          <xsl:call-template name="empty-row"><xsl:with-param name="cols">3</xsl:with-param></xsl:call-template>
        </xsl:if>
      </tbody>
    </table>
    <xsl:if test="not($task)">
      <p class="note">请先保存,再逐项上传附件材料。</p>
    </xsl:if>
  </xsl:template>

  <!-- The materials person $pid must give: each group (one of its
       materials is enough) with the rule's words, its state and, while
       the task is a draft, an upload form choosing the material. -->
  <xsl:template name="person-materials">
    <xsl:param name="pid"/>
    <xsl:variable name="mine" select="/page/materials/material[@pid = $pid]"/>
    <xsl:for-each select="$mine[not(@group = preceding-sibling::material[@pid = $pid]/@group)]">
      <xsl:variable name="g" select="@group"/>
      <xsl:variable name="grp" select="$mine[@group = $g]"/>
      <xsl:variable name="met" select="boolean($grp[@uploaded = '1'])"/>
      <div class="need need-met-{number($met)}">
        <xsl:if test="@words">
          <p class="rule-words">
            <xsl:if test="@rule"><span class="rule-no">规则<xsl:value-of select="@rule"/>: </span></xsl:if>
            <xsl:value-of select="@words"/>
          </p>
        </xsl:if>
        <xsl:if test="$editable">
          <form method="post" action="{$path}/upload" enctype="multipart/form-data" class="upload">
            <xsl:call-template name="csrf"/>
            <input type="hidden" name="id" value="{$task/@id}"/>
            <input type="hidden" name="pid" value="{$pid}"/>
            <select name="material" aria-label="材料">
              <xsl:for-each select="$grp">
                <option value="{@code}"><xsl:value-of select="@name"/><xsl:if test="@uploaded = '1'">(已上传)</xsl:if></option>
              </xsl:for-each>
            </select>
            <input type="file" name="file" accept=".pdf,.jpg,.jpeg,application/pdf,image/jpeg" aria-label="选择文件"/>
            <button type="submit" class="btn">上传附件</button>
          </form>
        </xsl:if>
        <xsl:choose>
          <xsl:when test="$met"><span class="state state-done">已上传</span></xsl:when>
          <xsl:otherwise><span class="state state-draft">未上传</span></xsl:otherwise>
        </xsl:choose>
      </div>
    </xsl:for-each>
  </xsl:template>

  <!-- A batch's counts and every row that failed, with its reasons. -->
  <xsl:template name="batch-counts">
    <p class="counts batch-counts">
      <span>导入成功 <strong class="ok-count"><xsl:value-of select="/page/batch/@ok"/></strong> 人</span>
      <xsl:text> </xsl:text>
      <span>导入失败 <strong class="failed-count"><xsl:value-of select="/page/batch/@failed"/></strong> 行</span>
      <xsl:if test="/page/failures/failure">
        <xsl:text> </xsl:text>
        <a class="btn" href="{$path}/batch/failures?id={$task/@id}">下载导入失败列表</a>
      </xsl:if>
    </p>
    <xsl:if test="/page/failures/failure">
      <!-- A business may offer a way to enter a failed row again on its
           draft (mode failure-fix); most offer none. -->
      <xsl:variable name="fix-probe">
        <xsl:if test="$editable"><xsl:apply-templates select="/page/failures/failure[1]" mode="failure-fix"/></xsl:if>
      </xsl:variable>
      <xsl:call-template name="section"><xsl:with-param name="title">导入失败的行</xsl:with-param></xsl:call-template>
      <table class="grid failures">
        <thead><tr><th>行号</th><th>姓名</th><th>身份证号</th><th>失败原因</th>
          <xsl:if test="string($fix-probe) != ''"><th>操作</th></xsl:if>
        </tr></thead>
        <tbody>
          <xsl:for-each select="/page/failures/failure">
            <tr>
              <td><xsl:value-of select="@row"/></td>
              <td><xsl:value-of select="@name"/></td>
              <td class="mono"><xsl:value-of select="@idno"/></td>
              <td class="reason"><xsl:value-of select="@reasons"/></td>
              <xsl:if test="string($fix-probe) != ''">
                <td class="ops"><xsl:apply-templates select="." mode="failure-fix"/></td>
              </xsl:if>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
      <xsl:call-template name="pager">
        <xsl:with-param name="total" select="/page/failures/@total"/>
        <xsl:with-param name="page" select="/page/failures/@page"/>
        <xsl:with-param name="size" select="/page/failures/@per-page"/>
        <xsl:with-param name="base-url" select="concat($path, '?id=', $task/@id, '&amp;')"/>
        <xsl:with-param name="name">fpage</xsl:with-param>
        <xsl:with-param name="unit">行</xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- No way to enter a failed row again, unless a business says so. -->
  <xsl:template match="failure" mode="failure-fix" priority="-1"/>

  <!-- A row's 删除 button (a draft's batch or persons). -->
  <xsl:template name="row-delete">
    <xsl:param name="row"/>
    <!-- Named in the question before it is deleted: the row's person. -->
    <xsl:param name="who" select="@name"/>
    <xsl:param name="idno" select="@idno"/>
    <form method="post" action="{$path}/delete" class="inline">
      <xsl:if test="string($who) != ''">
        <xsl:attribute name="data-confirm">
          <xsl:text>确定删除 </xsl:text><xsl:value-of select="$who"/>
          <xsl:if test="string($idno) != ''">(身份证号 <xsl:value-of select="$idno"/>)</xsl:if>
          <xsl:text> 吗?</xsl:text>
        </xsl:attribute>
      </xsl:if>
      <xsl:call-template name="csrf"/>
      <input type="hidden" name="id" value="{$task/@id}"/>
      <input type="hidden" name="row" value="{$row}"/>
      <button type="submit" class="btn op">删除</button>
    </form>
  </xsl:template>

  <!-- 提交 and 退单 of a draft, then the business's own links ($more),
       in a row with gaps. -->
  <xsl:template name="submit-cancel">
    <xsl:param name="label">提交审批</xsl:param>
    <xsl:param name="more"/>
    <!-- A question asked before submitting (data-confirm), or none. -->
    <xsl:param name="confirm" select="''"/>
    <div class="task-actions buttons center submit-bar">
      <xsl:if test="$editable and $task">
        <form method="post" action="{$path}/submit" class="inline">
          <xsl:if test="string($confirm) != ''"><xsl:attribute name="data-confirm"><xsl:value-of select="$confirm"/></xsl:attribute></xsl:if>
          <xsl:call-template name="csrf"/>
          <input type="hidden" name="id" value="{$task/@id}"/>
          <button type="submit" class="btn btn-primary" id="btn-submit"><xsl:value-of select="$label"/></button>
        </form>
        <form method="post" action="{$path}/cancel" class="inline">
          <xsl:call-template name="csrf"/>
          <input type="hidden" name="id" value="{$task/@id}"/>
          <button type="submit" class="btn btn-danger" id="btn-cancel">退单</button>
        </form>
      </xsl:if>
      <xsl:copy-of select="$more"/>
    </div>
    <xsl:if test="$editable and $task">
      <p class="note center">
        <xsl:choose>
          <xsl:when test="$task/@auto-review = '1'">该业务提交后由系统按规则即时审核,通过即办结。</xsl:when>
          <xsl:when test="/page/session/@vip = '1'">贵单位为 VIP 单位,提交后由系统按规则自动审核。</xsl:when>
          <xsl:otherwise>提交后由经办机构审核,<xsl:value-of select="/page/review-days"/>。</xsl:otherwise>
        </xsl:choose>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- The batch template link and the upload form. -->
  <xsl:template name="batch-upload">
    <xsl:param name="label"/>
    <p><a class="btn" id="template-link" href="{$path}/batch/template">模板下载(.xlsx)</a></p>
    <form method="post" action="{$path}/batch/upload" enctype="multipart/form-data" class="form upload">
      <xsl:call-template name="csrf"/>
      <input type="hidden" name="token" value="{/page/form/@token}"/>
      <table class="form-grid">
        <tr>
          <th><label for="f-file"><xsl:call-template name="required-mark"/><xsl:value-of select="$label"/></label></th>
          <td><input type="file" id="f-file" name="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"/></td>
          <td class="buttons-cell"><button type="submit" class="btn btn-primary">上传并校验</button></td>
        </tr>
      </table>
    </form>
  </xsl:template>

  <!-- 办理记录. -->
  <xsl:template name="history">
    <xsl:if test="/page/events/event">
      <xsl:call-template name="section"><xsl:with-param name="title">办理记录</xsl:with-param></xsl:call-template>
      <xsl:call-template name="events-table"><xsl:with-param name="events" select="/page/events/event"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
